"""The packaged templates compiled by tools/compile_templates.py (do not edit): by the fingerprint of
the environment they were compiled for (templating.fingerprint), each template's module and the
sha256 of the source it was compiled from."""

INDEX = {
    '3ee0754c3482d8931bed5c5bec63c819abbd1701675f32ab61c0bc8d081432fd': {
        'chapter.md.j2': ['t_f59f258418d88bfa', '54ca91993d118c692f992d875668210479a15e84227f1d2a51683e476e455a63'],
        'form.md.j2': ['t_d353bcb6185b2604', '3a90ad4b68c7a10eda96ea9d47bc56888f45999e43e9ed3685dcdb8b486a5bf3'],
        'handbook.md.j2': ['t_25e0acc761443888', '271884a1be8ab0959f31126ebb5086e2871f4f32c0482e5063579fb7d5edf014'],
        'jd.md.j2': ['t_7fac64f684095370', '8b2f165fa54d9d0d4eb353598d73924c8c900eb639c55ec2417a1d99efcfd614'],
        'posting.md.j2': ['t_25187a4005682ec5', 'e649f2a7f07d2ed3dfa54894b8cad25c2f5aeb5b6e5350413f98e6f67d5eba64'],
        'role_parts.md.j2': ['t_bbad5baaa9096ee2', '669a93d34435e7f3b55e59da130fb96e454c947579a68ee493ebb197c7633e6b'],
    },
    '86ef5092876c1e0527fb96053e4615d98665ab3f864e7653302c41b7c31f9582': {
        'form.js': ['t_7f1e0fc0fa93b81a', 'abf17496d864a32b07d8070303fba220839537d2c81dee7c29eb49b1cb20b0cc'],
        'page.html.j2': ['t_b1f24d8a10db5500', '841c2e7874ed47a7e43071403b2bbe7becae50e630f1535820e7717477b42027'],
        'style.css': ['t_65517511079d8467', '26dc72e9c17bb8335d70cc2c01408414ca87313d466795af4cbd48ce138b9de4'],
    },
}

# Each template's sha256 and the templates it names (None: through a variable), for
# templating.files_used.
REFERENCES = {
    'chapter.md.j2': ('54ca91993d118c692f992d875668210479a15e84227f1d2a51683e476e455a63', ['role_parts.md.j2']),
    'form.js': ('abf17496d864a32b07d8070303fba220839537d2c81dee7c29eb49b1cb20b0cc', []),
    'form.md.j2': ('3a90ad4b68c7a10eda96ea9d47bc56888f45999e43e9ed3685dcdb8b486a5bf3', ['role_parts.md.j2']),
    'handbook.md.j2': ('271884a1be8ab0959f31126ebb5086e2871f4f32c0482e5063579fb7d5edf014', ['role_parts.md.j2']),
    'jd.md.j2': ('8b2f165fa54d9d0d4eb353598d73924c8c900eb639c55ec2417a1d99efcfd614', ['role_parts.md.j2']),
    'page.html.j2': ('841c2e7874ed47a7e43071403b2bbe7becae50e630f1535820e7717477b42027', ['style.css', 'form.js']),
    'posting.md.j2': ('e649f2a7f07d2ed3dfa54894b8cad25c2f5aeb5b6e5350413f98e6f67d5eba64', []),
    'role_parts.md.j2': ('669a93d34435e7f3b55e59da130fb96e454c947579a68ee493ebb197c7633e6b', []),
    'style.css': ('26dc72e9c17bb8335d70cc2c01408414ca87313d466795af4cbd48ce138b9de4', []),
}
