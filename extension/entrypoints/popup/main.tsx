import { render } from 'preact';

function Popup() {
  return (
    <main>
      <h1>BadgeLens</h1>
      <p>Badges on LinkedIn profiles are checked as you browse.</p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
