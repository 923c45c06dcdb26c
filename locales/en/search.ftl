# Searching for people: the page and the dropdown under the header's box.

search-title = Search
search-title-for = Search: { $query }
search-heading = Search people
search-intro = Students, staff and guardians by name, student or employee number, or e-mail.
search-label = Name, number or e-mail
search-submit = Search
search-not-allowed = Your account cannot look up students, staff or guardians.
search-too-short = Type at least 2 letters or digits, or one Chinese, Japanese or Korean character.
search-none = No one matches “{ $query }”.
search-photo = Photo
search-more = More { $people } match.
search-first-only = Only the first { $count } are shown; add a word to narrow the search.
search-all = All results for “{ $query }”
