"""Exit codes of every command, decided here and nowhere else.

====  ==========================================================
0     success: no errors (warnings allowed)
1     problems in the policies or configuration (the user's input)
2     usage: unknown option, missing argument (click's own code); compensate: a fact
      of the case missing or wrong (CG061)
3     build or environment failure: a template, a PDF, the file system, a limit
4     internal error: a bug in commitgen (``--debug`` prints the traceback)
130   interrupted (Ctrl-C, SIGINT); the previous output is unchanged
143   terminated (SIGTERM, a cancelled CI job); the previous output is unchanged
====  ==========================================================

130 and 143 follow the shell's convention (128 + the signal's number), so CI systems
show them as the cancellation they are.
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    FAILURE = 3
    INTERNAL = 4
    INTERRUPTED = 130
    TERMINATED = 143
