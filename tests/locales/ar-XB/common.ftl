# A pseudo right-to-left language for tests only: English words forced right to
# left, so a page shows whether it follows the language's direction.

language-name = ‮Pseudo RTL‬
layout-skip-to-content = ‮Skip to content‬
