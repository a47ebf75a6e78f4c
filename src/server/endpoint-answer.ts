/**
 * What the signup, page-view and chat handlers send back, as plain data: Node's server writes the
 * first two to the socket as they are, and an Astro route (every path under `astro dev`, the chat
 * always) wraps the answer in a web Response. Building a Response and reading its body back for Node
 * cost more per signup than the signup's own cookies.
 */
export interface EndpointAnswer {
  status: number;
  /** Header names in lower case, one value each. */
  headers: Record<string, string>;
  /** Each `Set-Cookie` value. */
  cookies?: readonly string[];
  body?: string;
}

/** What the handlers read of a request's headers: a web `Headers`, or the server's reader of Node's. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** A JSON answer, never cached. */
export function jsonEndpointAnswer(status: number, body: unknown, headers: Record<string, string> = {}, cookies?: readonly string[]): EndpointAnswer {
  return {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    cookies,
    body: JSON.stringify(body),
  };
}

/** An HTML page as an answer, never cached. */
export function htmlEndpointAnswer(status: number, html: string, headers: Record<string, string> = {}): EndpointAnswer {
  return { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: html };
}

/** The answer as a web Response, for an Astro route. */
export function toResponse(answer: EndpointAnswer): Response {
  const headers = new Headers(answer.headers);
  for (const cookie of answer.cookies ?? []) headers.append('Set-Cookie', cookie);
  return new Response(answer.body ?? null, { status: answer.status, headers });
}
