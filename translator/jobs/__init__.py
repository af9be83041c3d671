"""Translation as jobs: submitted, queued, run by workers, observable, cancellable, retried."""
