"""gunicorn settings for Peta Inklusi: ``gunicorn -c gunicorn.conf.py app:server``.

scripts/run.sh, the benchmark (``peta-inklusi bench``) and the browser tests start gunicorn with
this file. Command-line flags (workers, bind, timeout) still apply on top of it.

- Sync workers: threaded ones can meet plotly's half-imported numpy from two threads.
- Each worker warms up before it takes requests (``post_worker_init``): the app's
  ``peta_warm`` extension (app.warm, components.perf.warm) answers the landing pages and the map
  explorer's views once, so no visitor waits for a cold worker. An app without it (the benchmark's
  reference app) is left alone.
"""

worker_class = "sync"


def post_worker_init(worker):
    warm = getattr(worker.wsgi, "extensions", {}).get("peta_warm")
    if warm is None:
        return
    base = "http://localhost"
    for sock in getattr(worker, "sockets", None) or []:
        addr = getattr(sock, "cfg_addr", None)
        if isinstance(addr, tuple) and len(addr) == 2:  # a TCP address (not a unix socket)
            host = "127.0.0.1" if addr[0] in ("0.0.0.0", "::", "") else addr[0]
            base = f"http://{host}:{addr[1]}"
            break
    try:
        done = warm(base)
    except Exception:  # never keep a worker from serving
        worker.log.exception("peta: warm-up failed; this worker starts cold")
        return
    worker.log.info("peta: worker %s warm: %s", worker.pid, done.summary())
