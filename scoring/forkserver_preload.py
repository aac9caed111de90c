"""Imported only by a forkserver, as a preload (never import it elsewhere): it ties the forkserver's
life to the process that started it (a batch coordinator, an API worker), so killing that process
leaves no forkserver behind, and records the forkserver's pid, which the workers it forks inherit.
Workers tie their lives to the forkserver in their initializers, and the resource tracker exits on
its own once every holder of its pipe is gone."""

import os

from credibly.scoring.orphans import exit_with_parent_process

FORKSERVER_PID = os.getpid()
exit_with_parent_process()
