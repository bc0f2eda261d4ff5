import helmet from 'helmet';

/**
 * Content security for everything the hub serves (the console, the API docs): scripts and styles
 * only from the hub itself (the console's own files and Chart.js from node_modules, no inline
 * script, no CDN), data from the same origin. Helmet's defaults are not taken whole: their
 * `upgrade-insecure-requests` would break the console on the plain-HTTP local address.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

interface Req {
  path: string;
}
interface Res {
  setHeader(name: string, value: string): void;
}
type Middleware = (req: Req, res: Res, next: (err?: unknown) => void) => void;

/**
 * The HTTP server's headers: helmet's (CSP above, nosniff, frame and referrer policies, no
 * X-Powered-By, …), and `Cache-Control: no-store` on every API answer (/v1/*: personal data and
 * tokens must not stay in a browser's or proxy's cache).
 */
export function securityMiddleware(): Middleware[] {
  const headers = helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES } });
  const noStore: Middleware = (req, res, next) => {
    if (req.path.startsWith('/v1/')) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
    }
    next();
  };
  return [headers as unknown as Middleware, noStore];
}
