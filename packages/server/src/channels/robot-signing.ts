import { createHmac } from 'node:crypto';

/*
 * Signing schemes of the group-robot webhooks (pure functions; the caller supplies the time).
 *
 * DingTalk custom robot, 安全设置 → 加签 (open.dingtalk.com, 自定义机器人安全设置; quoted in e.g.
 * https://www.mihaoyun.com/wordpress/?p=391 and https://binkzhou.github.io/blog/other/2023/0211001.html):
 *   "把 timestamp+"\n"+密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，然后进行 Base64 encode，
 *    最后再把签名参数再进行 urlEncode" — the key is the secret (SEC…), the message is the string to sign,
 *   timestamp is in milliseconds (within one hour of the server's time), and both go in the URL:
 *   …/robot/send?access_token=XXX&timestamp=XXX&sign=XXX. A bad signature answers HTTP 200 with
 *   {"errcode":310000,"errmsg":"sign not match"}.
 *
 * Feishu/Lark custom bot, 安全设置 → 签名校验 (open.feishu.cn 自定义机器人使用指南; quoted with the
 * official Python sample at https://m.down10s.com/jiaocheng/5605312225.html and
 * https://blog.csdn.net/zhanglili1993/article/details/136473704):
 *   "把 timestamp + "\n" + 密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，再进行 Base64 编码" — but
 *   the official sample uses that string as the HMAC *key* over an empty message
 *   (hmac.new(key_enc, b"", sha256)), unlike DingTalk. timestamp is in seconds (within one hour), and
 *   `timestamp` and `sign` go in the JSON body beside msg_type. A bad signature answers HTTP 200 with
 *   {"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}.
 *
 * WeCom (企业微信) group robot: no signature at all; the `key` query parameter of
 * https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… is the credential
 * (developer.work.weixin.qq.com/document/path/99398), so that URL must be kept secret.
 */

/** DingTalk's `sign` for a millisecond timestamp: base64(HMAC-SHA256(key=secret, msg=ts+"\n"+secret)). */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The DingTalk webhook URL with `timestamp` and the URL-encoded `sign` appended. */
export function signDingTalkUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url);
  // searchParams encodes the base64 (+ / =) as %2B %2F %3D, which is the urlEncode the docs ask for.
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', dingTalkSignature(secret, timestampMs));
  return signed.toString();
}

/** Feishu's `sign` for a timestamp in seconds: base64(HMAC-SHA256(key=ts+"\n"+secret, msg="")). */
export function feishuSignature(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The fields Feishu expects beside msg_type in a signed request body. */
export function feishuSignedFields(secret: string, nowMs: number): { timestamp: string; sign: string } {
  const seconds = Math.floor(nowMs / 1000);
  return { timestamp: String(seconds), sign: feishuSignature(secret, seconds) };
}
