"""Exit codes of every command, decided here and nowhere else.

====  ==========================================================
0     success: no errors (warnings allowed)
1     problems in the policies or configuration (the user's input)
2     usage: unknown option, missing argument (click's own code)
3     build or environment failure: a template, a PDF, the file system
====  ==========================================================
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    FAILURE = 3
