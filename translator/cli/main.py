"""The ``translator`` command: a thin front end over the library."""

import sys

import typer

from translator.cli import db, glossary, jobs, keys, models, tm
from translator.cli.batch import batch_command
from translator.cli.config import check_settings, config_command
from translator.cli.serve import serve_command
from translator.cli.text import detect_command, segment_command, translate_command
from translator.cli.worker import worker_command

app = typer.Typer(
    help="Offline translation for newsrooms: detect, segment, translate, manage models.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.callback()(check_settings)
app.add_typer(models.app, name="models")
app.add_typer(glossary.app, name="glossary")
app.add_typer(db.app, name="db")
app.add_typer(keys.app, name="keys")
app.add_typer(tm.app, name="tm")
app.add_typer(jobs.app, name="jobs")
app.command("detect")(detect_command)
app.command("segment")(segment_command)
app.command("translate")(translate_command)
app.command("batch")(batch_command)
app.command("serve")(serve_command)
app.command("worker")(worker_command)
app.command("config")(config_command)


def run() -> None:
    """Console-script entry point; an unexpected failure is one line, not a traceback."""
    if sys.stdout is None:  # started with descriptor 1 closed (``>&-``): nowhere to write
        sys.stderr.write("error: standard output is closed; redirect it to a file instead\n")
        sys.exit(1)
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # last resort: the user gets one line and a non-zero exit
        sys.stderr.write(f"error: unexpected {type(exc).__name__}: {exc}\n")
        sys.exit(70)
