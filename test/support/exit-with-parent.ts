/**
 * Preloaded (`--import`) into the server processes the tests start: when the test worker that started
 * this process goes away without stopping it (an interrupted or killed run), this process is re-parented
 * and stops itself with SIGTERM, the server's own graceful shutdown, instead of running on.
 */
const startedBy = process.ppid;
setInterval(() => {
  if (process.ppid !== startedBy) process.kill(process.pid, 'SIGTERM');
}, 500).unref();

export {};
