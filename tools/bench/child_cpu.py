#!/usr/bin/python3
"""CPU time of a child process, read from getrusage(RUSAGE_CHILDREN).

Usage: child_cpu.py [--repeat N] [--timeout S] [--stdin FILE] -- PROGRAM ARG...

Runs PROGRAM N times (stdin from FILE, if given). After each run that finished, the difference of
RUSAGE_CHILDREN (user + system) before and after it is that run's CPU time. Prints one JSON line on
stderr, last: {"cpu": [seconds per run], "maxrss_kb": peak resident set of the children,
"timed_out": bool, "status": exit status of the last run}. The first run's stdout is passed
through to our stdout, the end of its stderr to our stderr (before the JSON line). A run that
exceeds --timeout (wall seconds) is killed and ends the repetitions.

Used by tools/bench/child-cpu.ts (the benchmarks' shared helper): getrusage keeps microseconds,
GNU time's %U/%S print only hundredths of a second.
"""
import json
import resource
import subprocess
import sys


def main() -> None:
    argv = sys.argv[1:]
    repeat, timeout, stdin_file = 1, None, None
    while argv and argv[0] != "--":
        k = argv.pop(0)
        if k == "--repeat":
            repeat = int(argv.pop(0))
        elif k == "--timeout":
            timeout = float(argv.pop(0))
        elif k == "--stdin":
            stdin_file = argv.pop(0)
        else:
            raise SystemExit(f"child_cpu.py: unknown option {k}")
    command = argv[1:]
    if not command:
        raise SystemExit("child_cpu.py: no program after --")
    cpu, timed_out, status = [], False, None
    for i in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        try:
            r = subprocess.run(command, stdin=stdin, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            break
        except FileNotFoundError:
            status = 127
            break
        finally:
            if stdin_file:
                stdin.close()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        )
        status = r.returncode
        if i == 0:
            sys.stdout.buffer.write(r.stdout)
            sys.stdout.flush()
            sys.stderr.buffer.write(r.stderr[-20000:])
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write(
        "\n"
        + json.dumps(
            {"cpu": cpu, "maxrss_kb": maxrss, "timed_out": timed_out, "status": status}
        )
        + "\n"
    )


main()
