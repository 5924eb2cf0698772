"""The offer: organisations, digihelpers and courses, with import and export."""
