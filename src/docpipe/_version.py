"""docpipe's version, in a module that imports nothing of docpipe.

The caches (compiled and prepared templates) and the manifest key their entries by it; they are
imported while the package itself loads, so reading it from ``docpipe`` would close an import cycle.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docpipe")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
