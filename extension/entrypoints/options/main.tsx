import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { apiBaseUrlItem, apiOrigin, DEFAULT_API_BASE_URL } from '../../lib/settings';

function Options() {
  const [value, setValue] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    void apiBaseUrlItem.getValue().then(setValue);
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const origin = apiOrigin(value.trim());
    if (!origin) {
      setMessage('Enter an http:// or https:// address.');
      return;
    }
    // Only localhost is granted at install; any other server is asked for when chosen.
    const granted = await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
    if (!granted) {
      setMessage(`BadgeLens needs permission to reach ${origin}.`);
      return;
    }
    await apiBaseUrlItem.setValue(origin);
    setMessage('Saved.');
  }

  return (
    <main>
      <h1>BadgeLens</h1>
      <form onSubmit={save}>
        <label for="api">BadgeLens server</label>{' '}
        <input id="api" type="url" value={value} placeholder={DEFAULT_API_BASE_URL} onInput={(e) => setValue(e.currentTarget.value)} />{' '}
        <button type="submit">Save</button>
      </form>
      <p role="status">{message}</p>
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
