/**
 * The Resend fake in a process of its own, for the capture bench: parsing a few thousand emails a
 * second must not slow the event loop of the client that measures the signups. Prints its URL.
 */
import { ResendFake } from '../support/resend-fake.ts';

const fake = await new ResendFake().start();
console.log(`URL ${fake.url}`);
process.on('SIGTERM', () => void fake.stop().then(() => process.exit(0)));
