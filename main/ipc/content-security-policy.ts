/**
 * The renderer's Content-Security-Policy: only the app's own scripts,
 * styles and calls, no plugins, no framing and no form posts. The renderer's
 * index.html carries the same policy in a meta tag, and the Electron session
 * and the browser-mode server also send it as a response header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");
