def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'handbook.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_parts = l_0_chapter_break = l_0_control = l_0_history_table = l_0_glossary_chapter = missing
        try:
            t_1 = environment.filters['cell']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'cell' found.")
        try:
            t_2 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_2(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_3 = environment.filters['item']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'item' found.")
        try:
            t_4 = environment.filters['join']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'join' found.")
        pass
        l_0_parts = context.vars['parts'] = environment.get_template('role_parts.md.j2', 'handbook.md.j2')._get_default_module(context)
        context.exported_vars.discard('parts')
        def macro(l_1_first):
            t_5 = []
            l_1_regulation = resolve('regulation')
            if l_1_first is missing:
                l_1_first = False
            pass
            if (l_1_first or (not (undefined(name='regulation') if l_1_regulation is missing else l_1_regulation))):
                pass
                t_5.append(
                    '::: pagebreak\n:::\n',
                )
            return concat(t_5)
        context.exported_vars.add('chapter_break')
        context.vars['chapter_break'] = l_0_chapter_break = Macro(environment, macro, 'chapter_break', ('first',), False, False, False, context.eval_ctx.autoescape)
        def macro():
            t_6 = []
            l_1_t = resolve('t')
            l_1_revision = resolve('revision')
            pass
            t_6.extend((
                '::::: unnumbered\n**',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'change_history')),
                '**\n\n',
                str(environment.call(context, (undefined(name='history_table') if l_0_history_table is missing else l_0_history_table))),
                '\n',
            ))
            if (undefined(name='revision') if l_1_revision is missing else l_1_revision):
                pass
                t_6.extend((
                    '::: note\n',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'revision')),
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                    str((undefined(name='revision') if l_1_revision is missing else l_1_revision)),
                    '\n:::\n',
                ))
            t_6.append(
                ':::::\n',
            )
            return concat(t_6)
        context.exported_vars.add('control')
        context.vars['control'] = l_0_control = Macro(environment, macro, 'control', (), False, False, False, context.eval_ctx.autoescape)
        def macro():
            t_7 = []
            l_1_t = resolve('t')
            l_1_history = resolve('history')
            pass
            t_7.extend((
                '| ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'position')),
                ' | ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'version')),
                ' | ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'date')),
                ' | ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'change')),
                ' |\n|---|---|---|---|\n',
            ))
            for (l_2_title, l_2_entry) in (undefined(name='history') if l_1_history is missing else l_1_history):
                l_2_f = resolve('f')
                _loop_vars = {}
                pass
                t_7.extend((
                    '| ',
                    str(t_1(environment.call(context, environment.getattr((undefined(name='f') if l_2_f is missing else l_2_f), 'keep'), l_2_title, _loop_vars=_loop_vars))),
                    ' | ',
                    str(t_1(environment.getattr(l_2_entry, 'version'))),
                    ' | ',
                    str((environment.getattr(l_2_entry, 'date') or '')),
                    ' | ',
                    str(t_1(t_4(context.eval_ctx, environment.getattr(l_2_entry, 'changes'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'list_separator_wide')))),
                    ' |\n',
                ))
            l_2_title = l_2_entry = l_2_f = missing
            return concat(t_7)
        context.exported_vars.add('history_table')
        context.vars['history_table'] = l_0_history_table = Macro(environment, macro, 'history_table', (), False, False, False, context.eval_ctx.autoescape)
        def macro():
            t_8 = []
            l_1_glossary = resolve('glossary')
            pass
            for l_2_term in (undefined(name='glossary') if l_1_glossary is missing else l_1_glossary):
                _loop_vars = {}
                pass
                t_8.extend((
                    '\n',
                    str(t_2(environment.getattr(l_2_term, 'term'))),
                    '\n: ',
                    str(t_3(environment.getattr(l_2_term, 'definition'))),
                    '\n',
                ))
            l_2_term = missing
            return concat(t_8)
        context.exported_vars.add('glossary_chapter')
        context.vars['glossary_chapter'] = l_0_glossary_chapter = Macro(environment, macro, 'glossary_chapter', (), False, False, False, context.eval_ctx.autoescape)
        yield from context.blocks['cover'][0](context)
        yield from context.blocks['contents'][0](context)
        yield from context.blocks['front'][0](context)
        yield from context.blocks['overview'][0](context)
        yield from context.blocks['shared'][0](context)
        yield from context.blocks['roles'][0](context)
        yield from context.blocks['policies'][0](context)
        yield from context.blocks['history'][0](context)
        yield from context.blocks['glossary'][0](context)
        yield from context.blocks['back'][0](context)
        yield from context.blocks['attachments'][0](context)
        yield from context.blocks['end'][0](context)

    def block_cover(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_title = resolve('title')
        l_0_organization = resolve('organization')
        l_0_document_number = resolve('document_number')
        l_0_t = resolve('t')
        l_0_version = resolve('version')
        l_0_effective = resolve('effective')
        l_0_approval = resolve('approval')
        l_0_publication = resolve('publication')
        l_0_regulation = resolve('regulation')
        l_0_control = resolve('control')
        l_0_revision = resolve('revision')
        try:
            t_9 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_9(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        try:
            t_2 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_2(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        pass
        yield '::: doc-title\n# '
        yield str(t_2((undefined(name='title') if l_0_title is missing else l_0_title)))
        yield '\n\n'
        if (undefined(name='organization') if l_0_organization is missing else l_0_organization):
            pass
            yield str(t_2((undefined(name='organization') if l_0_organization is missing else l_0_organization)))
            yield '\n\n'
        if (undefined(name='document_number') if l_0_document_number is missing else l_0_document_number):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'document_number'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
            yield str(t_2((undefined(name='document_number') if l_0_document_number is missing else l_0_document_number)))
            yield '\n\n'
        if ((undefined(name='version') if l_0_version is missing else l_0_version) or (undefined(name='effective') if l_0_effective is missing else l_0_effective)):
            pass
            if (undefined(name='version') if l_0_version is missing else l_0_version):
                pass
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'version'))
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                yield str(t_2((undefined(name='version') if l_0_version is missing else l_0_version)))
            if ((undefined(name='version') if l_0_version is missing else l_0_version) and (undefined(name='effective') if l_0_effective is missing else l_0_effective)):
                pass
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'list_separator_wide'))
            if (undefined(name='effective') if l_0_effective is missing else l_0_effective):
                pass
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'effective'))
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                yield str((undefined(name='effective') if l_0_effective is missing else l_0_effective))
            yield '\n'
        yield ':::\n'
        if (undefined(name='approval') if l_0_approval is missing else l_0_approval):
            pass
            yield '\n::: form widths=20,50,30\n- - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'approval_step'))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'approval_by'))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'date'))
            yield '\n'
            for l_1_step in (undefined(name='approval') if l_0_approval is missing else l_0_approval):
                _loop_vars = {}
                pass
                yield '- - '
                yield str(t_2(environment.getattr(l_1_step, 'step')))
                yield '\n  - '
                yield str((t_2(environment.getattr(l_1_step, 'name')) if environment.getattr(l_1_step, 'name') else ''))
                yield '\n  - '
                yield str((environment.getattr(l_1_step, 'date') or ''))
                yield '\n'
            l_1_step = missing
            yield ':::\n'
        if (undefined(name='publication') if l_0_publication is missing else l_0_publication):
            pass
            yield '\n'
            yield str(t_9((undefined(name='publication') if l_0_publication is missing else l_0_publication)))
            yield '\n'
        yield '\n'
        if (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation):
            pass
            yield str(environment.call(context, (undefined(name='control') if l_0_control is missing else l_0_control), _block_vars=_block_vars))
            yield '\n'
        elif (undefined(name='revision') if l_0_revision is missing else l_0_revision):
            pass
            yield '::: note\n'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'revision'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
            yield str((undefined(name='revision') if l_0_revision is missing else l_0_revision))
            yield '\n:::\n'
        yield '\n::: pagebreak\n:::\n\n'

    def block_contents(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        pass
        yield '::: toc\n'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'contents'))
        yield '\n:::\n\n'

    def block_front(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_front = resolve('front')
        try:
            t_9 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_9(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        pass
        l_1_loop = missing
        for l_1_chapter, l_1_loop in LoopContext((undefined(name='front') if l_0_front is missing else l_0_front), undefined):
            l_1_chapter_break = resolve('chapter_break')
            _loop_vars = {}
            pass
            yield str(environment.call(context, (undefined(name='chapter_break') if l_1_chapter_break is missing else l_1_chapter_break), first=environment.getattr(l_1_loop, 'first'), _loop_vars=_loop_vars))
            yield '\n\n'
            yield str(t_9(l_1_chapter))
            yield '\n\n'
        l_1_loop = l_1_chapter = l_1_chapter_break = missing

    def block_overview(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_chapter_break = resolve('chapter_break')
        l_0_front = resolve('front')
        l_0_t = resolve('t')
        l_0_codes = resolve('codes')
        l_0_roles = resolve('roles')
        l_0_org_chart = resolve('org_chart')
        l_0_architecture = resolve('architecture')
        l_0_regulation = resolve('regulation')
        try:
            t_1 = environment.filters['cell']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'cell' found.")
        pass
        yield str(environment.call(context, (undefined(name='chapter_break') if l_0_chapter_break is missing else l_0_chapter_break), first=(not (undefined(name='front') if l_0_front is missing else l_0_front)), _block_vars=_block_vars))
        yield '\n\n# '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'roles_overview'))
        yield '\n\n|'
        if (undefined(name='codes') if l_0_codes is missing else l_0_codes):
            pass
            yield ' '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'code'))
            yield ' |'
        yield ' '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'position'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'department'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'grade'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'version'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'effective'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'status'))
        yield ' |\n|'
        if (undefined(name='codes') if l_0_codes is missing else l_0_codes):
            pass
            yield '---|'
        yield '---|---|---|---|---|---|\n'
        for l_1_c in (undefined(name='roles') if l_0_roles is missing else l_0_roles):
            l_1_f = resolve('f')
            _loop_vars = {}
            pass
            yield '|'
            if (undefined(name='codes') if l_0_codes is missing else l_0_codes):
                pass
                yield ' '
                yield str((t_1(environment.getattr(environment.getattr(l_1_c, 'role'), 'code')) if environment.getattr(environment.getattr(l_1_c, 'role'), 'code') else ''))
                yield ' |'
            yield ' '
            yield str(t_1(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'keep'), environment.getattr(environment.getattr(l_1_c, 'role'), 'title'), _loop_vars=_loop_vars)))
            yield ' | '
            yield str(t_1(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'keep'), environment.getattr(environment.getattr(l_1_c, 'role'), 'department'), _loop_vars=_loop_vars)))
            yield ' | '
            yield str(t_1(environment.getattr(environment.getattr(l_1_c, 'role'), 'grade')))
            yield ' | '
            yield str(t_1(environment.getattr(environment.getattr(l_1_c, 'role'), 'version')))
            yield ' | '
            yield str((environment.getattr(environment.getattr(l_1_c, 'role'), 'effective') or ''))
            yield ' | '
            yield str(environment.getattr(l_1_c, 'status'))
            yield ' |\n'
        l_1_c = l_1_f = missing
        if ((undefined(name='org_chart') if l_0_org_chart is missing else l_0_org_chart) or (undefined(name='architecture') if l_0_architecture is missing else l_0_architecture)):
            pass
            if (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation):
                pass
                yield '\n::::: unnumbered\n'
            if (undefined(name='org_chart') if l_0_org_chart is missing else l_0_org_chart):
                pass
                yield '\n## '
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'org_chart'))
                yield '\n\n'
                yield str((undefined(name='org_chart') if l_0_org_chart is missing else l_0_org_chart))
                yield '\n'
            if (undefined(name='architecture') if l_0_architecture is missing else l_0_architecture):
                pass
                yield '\n## '
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'architecture'))
                yield '\n\n'
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'architecture_intro'))
                yield '\n\n'
                yield str((undefined(name='architecture') if l_0_architecture is missing else l_0_architecture))
                yield '\n'
            if (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation):
                pass
                yield ':::::\n'
        yield '\n'

    def block_shared(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_shared_printed = resolve('shared_printed')
        l_0_chapter_break = resolve('chapter_break')
        l_0_t = resolve('t')
        l_0_roles = resolve('roles')
        l_0_c = resolve('c')
        l_0_parts = resolve('parts')
        pass
        if (undefined(name='shared_printed') if l_0_shared_printed is missing else l_0_shared_printed):
            pass
            yield str(environment.call(context, (undefined(name='chapter_break') if l_0_chapter_break is missing else l_0_chapter_break), _block_vars=_block_vars))
            yield '\n\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'shared_rules'))
            yield ' {#rolebook-shared}\n\n'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'shared_rules_intro'))
            yield '\n'
            l_0_c = environment.getitem((undefined(name='roles') if l_0_roles is missing else l_0_roles), 0)
            _block_vars['c'] = l_0_c
            if ('grades' in (undefined(name='shared_printed') if l_0_shared_printed is missing else l_0_shared_printed)):
                pass
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'grades'), (undefined(name='c') if l_0_c is missing else l_0_c), 2, _block_vars=_block_vars))
            if ('process' in (undefined(name='shared_printed') if l_0_shared_printed is missing else l_0_shared_printed)):
                pass
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'process'), (undefined(name='c') if l_0_c is missing else l_0_c), 2, _block_vars=_block_vars))
            if ('consequences' in (undefined(name='shared_printed') if l_0_shared_printed is missing else l_0_shared_printed)):
                pass
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'consequences'), (undefined(name='c') if l_0_c is missing else l_0_c), 2, _block_vars=_block_vars))
            if ('appeal' in (undefined(name='shared_printed') if l_0_shared_printed is missing else l_0_shared_printed)):
                pass
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'appeal'), (undefined(name='c') if l_0_c is missing else l_0_c), 2, _block_vars=_block_vars))
            yield '\n'

    def block_roles(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_regulation = resolve('regulation')
        l_0_roles = resolve('roles')
        pass
        if (not (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation)):
            pass
            for l_1_c in (undefined(name='roles') if l_0_roles is missing else l_0_roles):
                l_1_parts = resolve('parts')
                l_1_shared = resolve('shared')
                l_1_shared_printed = resolve('shared_printed')
                _loop_vars = {}
                pass
                yield '::: pagebreak\n:::\n\n'
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_1_parts is missing else l_1_parts), 'chapter'), l_1_c, shared=(undefined(name='shared') if l_1_shared is missing else l_1_shared), printed=(undefined(name='shared_printed') if l_1_shared_printed is missing else l_1_shared_printed), _loop_vars=_loop_vars))
                yield '\n\n'
            l_1_c = l_1_parts = l_1_shared = l_1_shared_printed = missing

    def block_policies(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_policies = resolve('policies')
        try:
            t_9 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_9(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        pass
        for l_1_policy in (undefined(name='policies') if l_0_policies is missing else l_0_policies):
            l_1_chapter_break = resolve('chapter_break')
            _loop_vars = {}
            pass
            yield str(environment.call(context, (undefined(name='chapter_break') if l_1_chapter_break is missing else l_1_chapter_break), _loop_vars=_loop_vars))
            yield '\n\n'
            yield str(t_9(l_1_policy))
            yield '\n\n'
        l_1_policy = l_1_chapter_break = missing

    def block_history(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_regulation = resolve('regulation')
        l_0_t = resolve('t')
        l_0_history_table = resolve('history_table')
        pass
        if (not (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation)):
            pass
            yield '::: pagebreak\n:::\n\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'change_history'))
            yield '\n\n'
            yield str(environment.call(context, (undefined(name='history_table') if l_0_history_table is missing else l_0_history_table), _block_vars=_block_vars))
            yield '\n\n'

    def block_glossary(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_glossary = resolve('glossary')
        l_0_regulation = resolve('regulation')
        l_0_t = resolve('t')
        l_0_glossary_chapter = resolve('glossary_chapter')
        pass
        if ((undefined(name='glossary') if l_0_glossary is missing else l_0_glossary) and (not (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation))):
            pass
            yield '::: pagebreak\n:::\n\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'glossary'))
            yield '\n'
            yield str(environment.call(context, (undefined(name='glossary_chapter') if l_0_glossary_chapter is missing else l_0_glossary_chapter), _block_vars=_block_vars))
            yield '\n\n'

    def block_back(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_back = resolve('back')
        try:
            t_9 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_9(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        pass
        for l_1_chapter in (undefined(name='back') if l_0_back is missing else l_0_back):
            l_1_chapter_break = resolve('chapter_break')
            _loop_vars = {}
            pass
            yield str(environment.call(context, (undefined(name='chapter_break') if l_1_chapter_break is missing else l_1_chapter_break), _loop_vars=_loop_vars))
            yield '\n\n'
            yield str(t_9(l_1_chapter))
            yield '\n\n'
        l_1_chapter = l_1_chapter_break = missing

    def block_attachments(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_regulation = resolve('regulation')
        l_0_roles = resolve('roles')
        l_0_glossary = resolve('glossary')
        l_0_t = resolve('t')
        l_0_glossary_chapter = resolve('glossary_chapter')
        pass
        if (undefined(name='regulation') if l_0_regulation is missing else l_0_regulation):
            pass
            for l_1_c in (undefined(name='roles') if l_0_roles is missing else l_0_roles):
                l_1_parts = resolve('parts')
                l_1_shared = resolve('shared')
                l_1_shared_printed = resolve('shared_printed')
                _loop_vars = {}
                pass
                yield '::: pagebreak\n:::\n\n::::: attachment\n'
                yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_1_parts is missing else l_1_parts), 'chapter'), l_1_c, shared=(undefined(name='shared') if l_1_shared is missing else l_1_shared), printed=(undefined(name='shared_printed') if l_1_shared_printed is missing else l_1_shared_printed), title=environment.call(context, environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'attachment_jd'), 'format'), title=environment.getattr(environment.getattr(l_1_c, 'role'), 'title'), _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                yield '\n:::::\n\n'
            l_1_c = l_1_parts = l_1_shared = l_1_shared_printed = missing
            if (undefined(name='glossary') if l_0_glossary is missing else l_0_glossary):
                pass
                yield '::: pagebreak\n:::\n\n::::: attachment\n# '
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'glossary'))
                yield '\n'
                yield str(environment.call(context, (undefined(name='glossary_chapter') if l_0_glossary_chapter is missing else l_0_glossary_chapter), _block_vars=_block_vars))
                yield '\n:::::\n\n'

    def block_end(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        pass

    blocks = {'cover': block_cover, 'contents': block_contents, 'front': block_front, 'overview': block_overview, 'shared': block_shared, 'roles': block_roles, 'policies': block_policies, 'history': block_history, 'glossary': block_glossary, 'back': block_back, 'attachments': block_attachments, 'end': block_end}
    debug_info = '9=37&10=39&14=45&19=53&22=60&24=62&25=65&27=69&32=80&33=87&35=96&36=102&39=115&40=119&42=124&43=126&46=133&93=134&99=135&107=136&144=137&159=138&170=139&178=140&189=141&199=142&207=143&230=144&46=146&48=178&50=180&51=182&54=184&55=186&58=190&59=192&63=207&66=210&67=212&68=214&69=216&70=220&71=222&72=224&76=228&78=231&81=234&82=236&83=238&85=241&93=247&95=257&99=260&100=276&101=280&103=282&107=286&109=308&111=310&113=312&114=330&115=334&116=339&118=358&120=360&124=363&126=366&128=368&130=370&132=373&134=375&136=377&138=379&144=384&145=398&146=400&148=402&150=404&151=406&152=408&153=411&154=414&155=417&159=422&160=432&161=434&165=441&170=445&171=460&172=464&174=466&178=470&179=481&183=484&185=486&189=489&190=501&194=504&195=506&199=509&200=524&201=528&203=530&207=534&208=547&209=549&214=556&218=559&223=562&224=564&230=567'
    return locals()
