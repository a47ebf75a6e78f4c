/** What a lead-ads webhook answers the platform, whatever the framework that sends it. */
export interface WebhookAnswer {
  status: number;
  body: string;
  contentType: string;
}

/** A JSON answer to a platform. */
export const jsonAnswer = (status: number, body: unknown): WebhookAnswer => ({
  status,
  body: JSON.stringify(body),
  contentType: 'application/json; charset=utf-8',
});

/** The answer as the route returns it, never cached. */
export const webhookResponse = ({ status, body, contentType }: WebhookAnswer): Response =>
  new Response(body, { status, headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
