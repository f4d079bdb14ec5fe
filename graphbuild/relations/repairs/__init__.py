"""Parser-slip repairs: each recognises one shape of parse error by its shape
(never by words of one sentence) and applies only when the regular route finds nothing
or contradicts itself."""
