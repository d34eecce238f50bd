"""Copies the repository's templates/ and the example case into the built package.

The templates live at the repository root so that users find and edit them in Word and Excel; an
installed docpipe (``pip install .``) must still carry them, so the build copies them into
``docpipe/templates`` inside the wheel. An editable install reads them from the repository instead.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "templates"
        target = Path(self.build_lib) / "docpipe" / "templates"
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        example = Path(__file__).parent / "inputs" / "halsnaes-boern-og-unge"
        if example.is_dir():
            shutil.copytree(example, Path(self.build_lib) / "docpipe" / "example", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithTemplates})
