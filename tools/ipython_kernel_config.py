"""IPython kernel configuration, copied by the Makefile to build/ipython/profile_default/.

Every kernel started with ``IPYTHONDIR=build/ipython`` loads it: the build's, those of ``make lab``
and the kernel ``make kernel`` registers. Such a kernel describes its language without the Python
patch version (``language_info`` without ``version``), exactly as the build records it in
``hw3.ipynb`` (whose bytes must not depend on the patch level of the Python that built it). So
JupyterLab, which copies the kernel's ``language_info`` into the notebook when it connects, finds
it already there: opening the notebook does not mark it modified, and an autosave has nothing to
write.
"""

from ipykernel.ipkernel import IPythonKernel


class Kernel(IPythonKernel):
    language_info = {k: v for k, v in IPythonKernel.language_info.items() if k != "version"}


c.IPKernelApp.kernel_class = Kernel  # noqa: F821  (c: the configuration IPython passes in)
