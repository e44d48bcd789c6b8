import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by stepfold at /console/; `npm run dev` proxies the API to a server on localhost:8083.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  server: { proxy: { '^/$': { target: 'http://localhost:8083', changeOrigin: true } } },
});
