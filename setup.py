"""pip install . — builds the Python module whosaid through the project's CMake build.

Offline, with Debian's python3 packages only (docs/python.md):

    /usr/bin/python3 -m pip install --no-build-isolation --no-index --break-system-packages .
    # or into a venv that sees Debian's dask/pandas:
    /usr/bin/python3 -m venv --system-site-packages .venv
    .venv/bin/pip install --no-build-isolation --no-index .

The C++ build (CMake, -DWHOSAID_PYTHON=ON, target whosaid_python) goes to
build-pip/; the extension is copied into the wheel beside python/whosaid/*.py.
Build dependencies: scripts/install-deps.sh.
"""

import glob
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def version() -> str:
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(whosaid VERSION ([0-9.]+)", f.read()).group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        build_dir = os.path.join(ROOT, "build-pip", "cmake")
        jobs = os.environ.get("WHOSAID_JOBS") or str(min(os.cpu_count() or 1, 2))
        subprocess.check_call([
            "cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
            "-DWHOSAID_PYTHON=ON", "-DWHOSAID_TESTS=OFF", "-DWHOSAID_BENCH=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
        ])
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "whosaid_python", "-j", jobs])
        built = glob.glob(os.path.join(build_dir, "python", "whosaid", "_whosaid*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _whosaid*.so in {build_dir}/python/whosaid, found {built}; "
                               "is pybind11 installed (apt-get install pybind11-dev python3-dev)?")
        dest = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(built[0], dest)


setup(
    name="whosaid",
    version=version(),
    description="Quotations and their speakers in news text (C++ engine, Python and Dask bindings)",
    python_requires=">=3.9",
    package_dir={"": "python"},
    packages=["whosaid", "whosaid.dask"],
    package_data={"whosaid": ["py.typed", "*.pyi"]},
    ext_modules=[CMakeExtension("whosaid._whosaid")],
    cmdclass={"build_ext": CMakeBuild},
    extras_require={"dask": ["dask", "distributed"], "pandas": ["pandas"]},
    zip_safe=False,
)
