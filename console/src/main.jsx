import { createRoot } from 'react-dom/client';
import { href, useRoute } from './router.js';
import StateMachines from './pages/StateMachines.jsx';
import StateMachine from './pages/StateMachine.jsx';
import Execution from './pages/Execution.jsx';
import MapRun from './pages/MapRun.jsx';
import './styles.css';

function Page({ route }) {
  const [section, arn] = route;
  if (section === 'state-machines' && arn) return <StateMachine arn={arn} />;
  if (section === 'executions' && arn) return <Execution arn={arn} />;
  if (section === 'map-runs' && arn) return <MapRun arn={arn} />;
  return <StateMachines />;
}

function App() {
  const route = useRoute();
  return (
    <>
      <header>
        <a className="brand" href={href('state-machines')}>stepfold</a>
        <nav><a href={href('state-machines')}>State machines</a></nav>
      </header>
      <main><Page key={route.join('/')} route={route} /></main>
    </>
  );
}

createRoot(document.getElementById('root')).render(<App />);
