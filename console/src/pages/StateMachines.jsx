import { all } from '../api.js';
import { date } from '../format.js';
import { usePoll } from '../hooks.js';
import { href } from '../router.js';
import { Failure } from '../components/common.jsx';

export default function StateMachines() {
  const { data, error } = usePoll(() => all('ListStateMachines', { maxResults: 1000 }, 'stateMachines'), []);
  return (
    <section>
      <h1>State machines</h1>
      <Failure error={error} />
      {data && data.length === 0 && <p className="empty">No state machines yet.</p>}
      {data && data.length > 0 && (
        <table>
          <thead><tr><th>Name</th><th>Type</th><th>Created</th></tr></thead>
          <tbody>
            {data.map((machine) => (
              <tr key={machine.stateMachineArn}>
                <td><a href={href('state-machines', machine.stateMachineArn)}>{machine.name}</a></td>
                <td>{machine.type}</td>
                <td>{date(machine.creationDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
