// Preloaded (node --import) into Portkey's gateway by the bench. Its build/start-server.js calls
// @hono/node-server's serve({ fetch, port }) without a hostname, so it would listen on every interface: an open
// LLM proxy on the machine's network for the length of the bench. A listen(port) or listen(port, undefined, cb)
// without a host gets 127.0.0.1 instead. Nothing else changes: the request path is Portkey's own.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number') {
    if (args[1] === undefined) args[1] = '127.0.0.1';
    else if (typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
