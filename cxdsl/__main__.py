"""python -m cxdsl"""

from __future__ import annotations

from .cli import main

main()
