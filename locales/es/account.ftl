# El idioma en que cada persona lee Homeroom (su perfil) y el de su centro.

profile-language-heading = Idioma
profile-language-label = Idioma de las páginas de Homeroom
profile-language-school = El idioma del centro ({ $language })
profile-language-browser = El idioma de tu navegador
profile-language-save = Guardar idioma
profile-language-saved = Tu idioma se ha guardado.
language-unknown = Elige uno de los idiomas de la lista.

organization-language-heading = Idioma del centro
organization-language-label = Idioma de { $school }
organization-language-browser = El idioma del navegador de cada persona
organization-language-hint = Quien no haya elegido un idioma en su perfil verá Homeroom en este.
organization-language-save = Guardar idioma del centro
organization-language-saved = El idioma del centro se ha guardado.
