import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';

/** What a log line knows of the request it was written for. */
export interface RequestContext {
  requestId: string;
}

/** The request being answered, for every line logged while answering it (see serve.ts). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `LOG_LEVEL`, checked: an unknown level is refused at start rather than silently logging everything or nothing. */
export function parseLogLevel(value: string | undefined): string {
  const level = value?.trim().toLowerCase() || 'info';
  if (!(LEVELS as readonly string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}; got "${value}"`);
  return level;
}

/** A wrong LOG_LEVEL stops the process with one line, as every other wrong setting does. */
function levelOrExit(value: string | undefined): string {
  try {
    return parseLogLevel(value);
  } catch (error) {
    process.stderr.write(`[lodestone] cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** An address anywhere in a message (a provider's error may quote one): never logged. */
const ADDRESS = /[^\s<>"'`(),;:]+@[^\s<>"'`(),;:]+\.[a-z]{2,}/gi;

/** A message with every email address replaced, so no log line names a person. */
export function withoutAddresses(message: string): string {
  return message.replace(ADDRESS, '[address]');
}

/**
 * JSON lines on stdout, one object per event, each with the request's id when logged while
 * answering one. Pretty, coloured lines only when a person watches a terminal outside production
 * (pino-pretty, a devDependency, loaded only then).
 */
function createLogger(): Logger {
  const options = {
    level: levelOrExit(process.env.LOG_LEVEL),
    base: { pid: process.pid },
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
  };
  return pino(
    options,
    (process.env.NODE_ENV !== 'production' && process.stdout.isTTY && prettyStream()) || pino.destination({ dest: 1, sync: true }),
  );
}

/** pino-pretty's stream, written on this thread (no transport worker); undefined where devDependencies were not installed. */
function prettyStream(): DestinationStream | undefined {
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: true, sync: true, ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

/** The process's logger. */
export const logger: Logger = createLogger();

/**
 * The `log(line)` the background work and the runtime take: `[outbox] message` becomes
 * `{"component":"outbox","msg":"message"}`, with any address taken out.
 */
export function logLine(line: string): void {
  const [, component, message] = /^\[([\w/.-]+)\]\s*([\s\S]*)$/.exec(line) ?? [undefined, undefined, line];
  logger.info(component ? { component } : {}, withoutAddresses(message ?? line));
}

/** An error caught where nothing else can report it: its message and stack, addresses taken out. */
export function logError(component: string, error: unknown): void {
  const err =
    error instanceof Error
      ? { type: error.name, message: withoutAddresses(error.message), stack: withoutAddresses(error.stack ?? '') }
      : { message: withoutAddresses(String(error)) };
  logger.error({ component, err }, err.message);
}
