"""An error told in both languages, for refusals a clerk reads (a roll-up, a series)."""

from __future__ import annotations


class BilingualError(ValueError):
    """A refusal with a Chinese (``zh``) and an English (``en``) explanation."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh
