"""Per-query algebra is too small for a BLAS thread team: the engine asks for one thread."""

from threadpoolctl import threadpool_info

from engine.blas import use_one_blas_thread


def test_after_the_call_every_blas_library_runs_one_thread():
    use_one_blas_thread()
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
