import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Hashed build assets never change under one name; everything else must be asked for every time. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** A file at the top of dist (favicon.svg, robots.txt), or null; never a path outside dist. */
function rootFile(distDir: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (!rel) return null;
  const root = resolve(distDir);
  const full = resolve(root, rel);
  if (!full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full.slice(root.length + 1) : null;
  } catch {
    return null;
  }
}

/**
 * Serve the built web app (packages/web/dist) at `/`, with a single-page-app fallback: a GET that is
 * not an API path and names no file answers index.html, so deep links like /customers/123 load the
 * app. API paths and missing assets keep the problem+json 404. Files are looked up per request, so a
 * rebuild while the server runs is picked up. Does nothing (returns false) when the app has not
 * been built, so the API runs alone in development and tests.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: join(distDir, 'assets'),
    prefix: '/assets/',
    index: false,
    // Our own cache-control, not send's max-age=0.
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', IMMUTABLE),
  });
  const send = (reply: FastifyReply, file: string) =>
    reply.header('cache-control', REVALIDATE).sendFile(file, distDir);
  app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) =>
    send(reply, 'index.html'),
  );
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // Unknown API paths answer 404 rather than a page that cannot run.
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    return send(reply, rootFile(distDir, path) ?? 'index.html');
  });
  return true;
}
