"""Turning planned notes into bytes: the build plan, the executor, its workers, Dask, the render cache."""
