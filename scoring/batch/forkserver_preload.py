"""Imported only by the batch forkserver, as a preload (never import it elsewhere): it ties the
forkserver's life to the coordinating process's, so a killed coordinator leaves no forkserver behind,
and records the forkserver's pid, which the workers it forks inherit. Workers tie their lives to the
forkserver in :func:`credibly.scoring.batch.worker.init_worker`, and the resource tracker exits on its
own once every holder of its pipe is gone."""

import os

from credibly.scoring.orphans import die_with_parent

FORKSERVER_PID = os.getpid()
die_with_parent()
