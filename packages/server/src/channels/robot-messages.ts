import type { RobotPlatform } from '@tideline/shared';

/** A robot message: a short title and a Markdown body, Chinese by default. */
export interface RobotMessage {
  title: string;
  markdown: string;
}

/*
 * Size caps. WeCom: markdown content "最长不超过4096个字节" (group robot doc). Feishu: the request body
 * "不能超过20k" (自定义机器人使用指南), so the card text stays well under it. DingTalk documents no
 * number we could find; the same cap as Feishu is our own choice.
 */
const WECOM_MAX_BYTES = 4096;
const CARD_MAX_BYTES = 18_000;

/** Cut text to at most maxBytes of UTF-8 without splitting a character, marking the cut with "…". */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    out += ch;
    budget -= size;
  }
  return out + ellipsis;
}

/** The JSON body each platform expects for a Markdown message (before any signing fields). */
export function buildRobotPayload(platform: RobotPlatform, message: RobotMessage): Record<string, unknown> {
  const title = message.title.trim();
  const body = message.markdown.trim();
  switch (platform) {
    case 'wecom':
      // WeCom markdown has no title field: the title becomes a heading.
      return {
        msgtype: 'markdown',
        markdown: { content: truncateUtf8(body ? `## ${title}\n${body}` : `## ${title}`, WECOM_MAX_BYTES) },
      };
    case 'dingtalk':
      // `title` is what the conversation list shows; the text carries the heading itself.
      return {
        msgtype: 'markdown',
        markdown: {
          title,
          text: truncateUtf8(body ? `### ${title}\n\n${body}` : `### ${title}`, CARD_MAX_BYTES),
        },
      };
    case 'feishu':
      // A message card renders lark_md (bold, links, lists); plain `text` would show the Markdown raw.
      return {
        msg_type: 'interactive',
        card: {
          config: { wide_screen_mode: true },
          header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
          elements: [
            { tag: 'div', text: { tag: 'lark_md', content: truncateUtf8(body || title, CARD_MAX_BYTES) } },
          ],
        },
      };
  }
}
