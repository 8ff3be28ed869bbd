"""Register this venv as the Jupyter kernel "hw3" with the given environment (``make kernel``).

The kernel goes where Jupyter looks for the user's kernels (``jupyter --data-dir``, under HOME).
Without a usable HOME (unset, or not writable) it goes to ``build/jupyter/share/jupyter/kernels``
instead, and the script says how to make Jupyter look there. No temporary files are left behind
(``ipykernel install`` leaves ``/tmp/tmp*_kernels``).

Usage: python tools/register_kernel.py NAME=VALUE ...   (the kernel's environment variables)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager

ROOT = Path(__file__).resolve().parent.parent
NAME, DISPLAY_NAME = "hw3", "Python (hw3)"


def register(env: dict[str, str], root: Path = ROOT) -> str:
    """Install the kernel spec; return the one line that says where it went."""
    spec = root / "build" / "jupyter" / "kernelspec" / NAME
    shutil.rmtree(spec, ignore_errors=True)
    spec.parent.mkdir(parents=True, exist_ok=True)
    # as `ipykernel install` writes it (frozen modules off, for the debugger), with our env
    write_kernel_spec(
        spec,
        overrides={"display_name": DISPLAY_NAME, "env": env},
        python_arguments=["-Xfrozen_modules=off"],
    )
    manager = KernelSpecManager()
    try:
        where = manager.install_kernel_spec(str(spec), NAME, user=True)
        return f"registered the kernel {DISPLAY_NAME!r} in {where}"
    except OSError as err:
        prefix = root / "build" / "jupyter"
        where = manager.install_kernel_spec(str(spec), NAME, prefix=str(prefix))
        return (
            f"no writable Jupyter directory under HOME ({err.strerror}: {err.filename}): registered "
            f"the kernel {DISPLAY_NAME!r} in {where}; start Jupyter with "
            f"JUPYTER_PATH={prefix / 'share' / 'jupyter'} to find it"
        )


def main() -> None:
    env = dict(arg.split("=", 1) for arg in sys.argv[1:])
    print(register(env))


if __name__ == "__main__":
    main()
