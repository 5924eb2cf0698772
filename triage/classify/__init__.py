"""Pure classification: question text -> kind, themes and a Dutch explanation; corpus and model."""
