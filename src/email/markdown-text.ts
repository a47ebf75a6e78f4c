import type { Token, Tokens } from 'marked';

/** A run of inline text with its emphasis. */
export type Run = { text: string; bold: boolean; italic: boolean };

/** Flattens inline Markdown into runs of text with their emphasis; a link becomes "label (url)". */
export function inlineRuns(tokens: readonly Token[], bold = false, italic = false): Run[] {
  const runs: Run[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        runs.push(...inlineRuns((token as Tokens.Strong).tokens, true, italic));
        break;
      case 'em':
        runs.push(...inlineRuns((token as Tokens.Em).tokens, bold, true));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const label = plainText(link.tokens);
        runs.push({ text: label === link.href ? label : `${label} (${link.href})`, bold, italic });
        break;
      }
      case 'br':
        runs.push({ text: '\n', bold, italic });
        break;
      case 'codespan':
        runs.push({ text: decodeEntities((token as Tokens.Codespan).text), bold, italic });
        break;
      default:
        if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length) runs.push(...inlineRuns(token.tokens, bold, italic));
        else if ('text' in token && typeof token.text === 'string') runs.push({ text: decodeEntities(token.text), bold, italic });
    }
  }
  return runs;
}

/** Inline Markdown as plain text. */
export function plainText(tokens: readonly Token[]): string {
  return inlineRuns(tokens)
    .map((run) => run.text)
    .join('');
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!);
}

/** Block Markdown as the plain-text part of an email: paragraphs apart, lists with dashes or numbers, links spelled out. */
export function blocksToText(tokens: readonly Token[]): string {
  const blocks: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
      case 'paragraph':
        blocks.push(plainText((token as Tokens.Paragraph).tokens));
        break;
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        blocks.push(
          list.items
            .map((item, index) => `${list.ordered ? `${start + index}.` : '-'} ${blocksToText(item.tokens).replace(/\n/g, '\n  ')}`)
            .join('\n'),
        );
        break;
      }
      case 'blockquote':
        blocks.push(
          blocksToText((token as Tokens.Blockquote).tokens)
            .split('\n')
            .map((line) => `> ${line}`)
            .join('\n'),
        );
        break;
      case 'text': {
        const text = token as Tokens.Text;
        blocks.push(text.tokens ? plainText(text.tokens) : text.text);
        break;
      }
      case 'hr':
        blocks.push('---');
        break;
      case 'space':
        break;
      default:
        if ('text' in token && typeof token.text === 'string') blocks.push(token.text);
    }
  }
  return blocks.join('\n\n');
}
