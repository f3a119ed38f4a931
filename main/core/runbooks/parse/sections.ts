import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** A fenced block as found, with lines relative to the Markdown body (0-based). */
export interface RawBlock {
  info: string;
  content: string;
  /** [first line, line after the closing fence) */
  map: [number, number];
  /** Text of the innermost list item holding the block, used to title sub-steps. */
  itemTitle?: string;
}

export interface RawCheck {
  text: string;
  checked: boolean;
  map: [number, number];
}

/** A heading section or a top-level numbered list item. */
export interface RawSection {
  title: string;
  /** Line of the heading / item (0-based in the body). */
  line: number;
  /** Lines [start, end) of the section's content, heading excluded. */
  start: number;
  end: number;
  blocks: RawBlock[];
  checks: RawCheck[];
}

export interface RawDocument {
  /** First `#` heading before the first step. */
  h1?: string;
  /** Lines [0, introEnd) come before the first step. */
  introEnd: number;
  /** 'heading' when the file has `##` headings, 'list' for a top-level numbered list, else 'single'. */
  mode: 'heading' | 'list' | 'single';
  sections: RawSection[];
  /** Blocks and checks before the first step (reported, not run). */
  intro: RawSection;
}

// html: false keeps raw HTML as text; nothing is rendered here, only tokenized.
const markdown = new MarkdownIt({ html: false });

const checkPattern = /^\[( |x|X)\]\s+(.*)$/s;

export function splitSections(body: string): RawDocument {
  const tokens = markdown.parse(body, {});
  const lineTotal = body.split('\n').length;
  const hasH2 = tokens.some((t) => t.type === 'heading_open' && t.tag === 'h2');
  const hasTopList = tokens.some((t) => t.type === 'ordered_list_open' && t.level === 0);
  const mode: RawDocument['mode'] = hasH2 ? 'heading' : hasTopList ? 'list' : 'single';
  const intro: RawSection = { title: '', line: 0, start: 0, end: lineTotal, blocks: [], checks: [] };
  const doc: RawDocument = { mode, introEnd: mode === 'single' ? 0 : lineTotal, sections: [], intro };
  let current: RawSection = mode === 'single' ? { title: '', line: 0, start: 0, end: lineTotal, blocks: [], checks: [] } : intro;
  if (mode === 'single') doc.sections.push(current);
  const itemTitles: (string | undefined)[] = [];
  let awaitItemTitle = false;

  const startSection = (title: string, line: number, start: number) => {
    if (current !== intro) current.end = line;
    else doc.introEnd = line;
    current = { title, line, start, end: lineTotal, blocks: [], checks: [] };
    doc.sections.push(current);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const map = token.map;
    if (token.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]);
      if (token.tag === 'h1' && doc.h1 === undefined && doc.sections.length === (mode === 'single' ? 1 : 0)) doc.h1 = text;
      if (mode === 'heading' && token.tag === 'h2' && map) startSection(text, map[0], map[1]);
      continue;
    }
    if (token.type === 'list_item_open') {
      if (mode === 'list' && token.level === 1 && map && isOrderedItem(tokens, i)) {
        startSection(firstLine(inlineText(tokens[i + 2])), map[0], map[0]);
      }
      itemTitles.push(undefined);
      awaitItemTitle = true;
      continue;
    }
    if (token.type === 'list_item_close') {
      itemTitles.pop();
      awaitItemTitle = false;
      continue;
    }
    if (token.type === 'inline' && awaitItemTitle) {
      awaitItemTitle = false;
      const match = checkPattern.exec(token.content);
      if (match && map) {
        current.checks.push({ text: (match[2] ?? '').replace(/\s*\n\s*/g, ' ').trim(), checked: match[1] !== ' ', map: listItemMap(tokens, i) ?? map });
      } else {
        itemTitles[itemTitles.length - 1] = firstLine(token.content);
      }
      continue;
    }
    if (token.type === 'fence' && map) {
      const itemTitle = [...itemTitles].reverse().find((t) => t !== undefined);
      current.blocks.push({ info: token.info, content: token.content, map, ...(itemTitle ? { itemTitle } : {}) });
    }
  }
  return doc;
}

/** Titles are shown as plain text: drop code ticks and bold markers, keep snake_case names intact. */
function plain(text: string): string {
  return text.replace(/`/g, '').replace(/(\*\*|__)(.+?)\1/g, '$2').trim();
}

function inlineText(token: Token | undefined): string {
  return plain(token?.content ?? '');
}

function firstLine(text: string): string {
  return plain(text.split('\n')[0] ?? '');
}

/** The token before a list_item_open at level 1 is its list's open tag or the previous item's close. */
function isOrderedItem(tokens: Token[], at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.level !== 0) continue;
    return t.type === 'ordered_list_open';
  }
  return false;
}

/** The enclosing list item's line range, so a whole check item is left out of the description. */
function listItemMap(tokens: Token[], inlineAt: number): [number, number] | undefined {
  for (let i = inlineAt; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (t.type === 'list_item_open') return (t.map) ?? undefined;
  }
  return undefined;
}
