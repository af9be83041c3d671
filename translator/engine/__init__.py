"""MT engine: CTranslate2 batches over installed Argos packages, with pivoting via English."""
