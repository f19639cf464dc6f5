"""Ships the sample corpus with the package: ``transcripts/`` and ``codebook/`` (the source of
truth, at the top of the repository) are copied into ``sto_qual/sample/`` of every build, so
``sto-qual demo`` works after a plain ``pip install .``. Everything else is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SAMPLE = ("transcripts", "codebook")


class BuildWithSample(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "sto_qual" / "sample"
        for name in SAMPLE:
            src = ROOT / name
            if src.is_dir():
                shutil.rmtree(target / name, ignore_errors=True)
                shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithSample})
