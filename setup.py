"""What pyproject.toml cannot say: the top-level ``glossaries/`` folder ships in the package.

It stays at the top of the repository, where people look for it; a build maps it into the
package as ``translator.glossaries_data`` (found by ``translator.glossary.library.shipped_dir``).
"""

from setuptools import find_namespace_packages, setup

GLOSSARIES = "translator.glossaries_data"

setup(
    packages=[*find_namespace_packages(include=["translator*", "api*"]), GLOSSARIES],
    package_dir={GLOSSARIES: "glossaries"},
)
