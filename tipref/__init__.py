"""tipref: referrals between the services that help victims of trafficking in Indonesia."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tipref")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
