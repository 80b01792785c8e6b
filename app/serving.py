"""The settings gunicorn serves the game with: `gunicorn --config app/serving.py ...`.

Read by gunicorn as a file, without importing the app: the master stays small, and each
worker builds the app itself.
"""

import gc


def post_worker_init(worker) -> None:
    """Set the objects of the app a worker has just built aside from the garbage collector.

    They live as long as the worker. Left in, each full collection walks all of them: about
    100,000 objects and 60 ms, a pause that falls on whichever request is running.
    Requests still have their own garbage collected; what building the app left over is
    collected first, so nothing is set aside that could have been freed.
    """
    gc.collect()
    gc.freeze()
