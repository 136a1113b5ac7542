import { TOKENS } from './test-app';

/** Plain HTTP to a service running as its own process (ServerProcess), with the admin token. */
const auth = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };

/** A command's answer, or null when the connection died with the server (the command may or may not have been written). */
export async function sendCommand(url: string, name: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const response = await fetch(`${url}/v1/commands/${name}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  } catch {
    return null;
  }
}

export async function getJson(url: string, path: string): Promise<any> {
  const response = await fetch(`${url}${path}`, { headers: auth });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The whole log through the audit feed, in order. */
export async function allEvents(url: string): Promise<{ type: string; streamId: string; position: string }[]> {
  const events = [];
  for (let from = '0'; ; ) {
    const page = await getJson(url, `/v1/audit/events?fromPosition=${from}&limit=1000`);
    events.push(...page.items);
    if (page.items.length < 1000) return events;
    from = page.nextPosition;
  }
}
