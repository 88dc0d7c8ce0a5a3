"""A posting's budget while it is read: CPU time and memory, so one file cannot hold up the build.

`within(budget)` runs a block under the budget:

- CPU time: an interval timer on the process's CPU time (`ITIMER_PROF`) raises OverBudget
  in the block when the budget is spent, and again every 50 ms after, should something
  catch it. OverBudget is a BaseException, so `except Exception` lets it through. Code that
  never returns to the interpreter (a C library's loop) is stopped by the kernel instead:
  in a worker process, the soft `RLIMIT_CPU` is set just past the budget, and SIGXCPU
  ends the worker (`guarded_map` then loses only that posting).
- Memory, in a worker process only (a limit in the build's own process would hold for
  its other threads too): the soft `RLIMIT_AS` is set to the address space in use plus
  the budget, so an allocation past it fails with MemoryError, raised as OverBudget.

Both are restored when the block ends. Where the timer or the limits do not exist (not
Unix, or not the main thread), that part of the budget does nothing.
"""

from __future__ import annotations

import math
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

try:
    import resource
except ImportError:  # not Unix
    resource = None  # type: ignore[assignment]  # None stands for "no resource limits here"

_RETRY_SECONDS = 0.05  # the timer fires again this often after the budget is spent
_KERNEL_GRACE_SECONDS = 2.0  # RLIMIT_CPU is whole seconds: it ends the worker this long after


@dataclass(frozen=True)
class Budget:
    cpu_seconds: float  # CPU time (user and system) one posting may take
    memory_mib: int  # memory one posting may add to its process, in MiB

    def cpu_message(self) -> str:
        return f"took more than {self.cpu_seconds:g} s of CPU to read"

    def memory_message(self) -> str:
        return f"needed more than {self.memory_mib:,} MiB of memory to read"


class OverBudget(BaseException):
    """Raised in a block run `within` a budget when it spent the budget; `message` says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def within(budget: Budget, *, worker: bool) -> Iterator[None]:
    """Run the block under `budget`; `worker` says this is a worker process of its own."""
    armed = [True]
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = None
    if timer:

        def spent(signum: int, frame: object) -> None:
            if armed[0]:
                raise OverBudget(budget.cpu_message())

        previous = signal.signal(signal.SIGPROF, spent)
        signal.setitimer(signal.ITIMER_PROF, budget.cpu_seconds, _RETRY_SECONDS)
    limits = _set_limits(budget) if worker and resource is not None else []
    try:
        yield
    except MemoryError as err:
        if not limits:
            raise
        raise OverBudget(budget.memory_message()) from err
    finally:
        armed[0] = False
        if timer:
            signal.setitimer(signal.ITIMER_PROF, 0, 0)
            signal.signal(signal.SIGPROF, previous)
        for which, soft_and_hard in limits:
            with suppress(ValueError, OSError):
                resource.setrlimit(which, soft_and_hard)


def _set_limits(budget: Budget) -> list[tuple[int, tuple[int, int]]]:
    """Lower the soft CPU and address-space limits to the budget; the limits as they were."""
    changed = []
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    cpu = math.ceil(used + budget.cpu_seconds + _KERNEL_GRACE_SECONDS)
    size = _address_space()
    wanted = [(resource.RLIMIT_CPU, cpu), (resource.RLIMIT_CORE, 0)]  # SIGXCPU leaves no core file
    if size is not None:
        wanted.append((resource.RLIMIT_AS, size + budget.memory_mib * 2**20))
    for which, value in wanted:
        soft, hard = resource.getrlimit(which)
        new = value if hard == resource.RLIM_INFINITY else min(value, hard)
        if soft != resource.RLIM_INFINITY and soft <= new:
            continue  # a stricter limit is set already
        try:
            resource.setrlimit(which, (new, hard))
        except (ValueError, OSError):
            continue
        changed.append((which, (soft, hard)))
    return changed


def _address_space() -> int | None:
    """The bytes of address space this process uses (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
