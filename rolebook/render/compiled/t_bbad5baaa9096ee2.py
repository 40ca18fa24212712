def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'role_parts.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_doc_title = l_0_meta = l_0_basic_info = l_0_summary = l_0_duties = l_0_relationships = l_0_requirements = l_0_conditions = l_0_career = l_0_scenarios = l_0_assessment = l_0_scheme = l_0_glossary = l_0_kpi_details = l_0_grades = l_0_process = l_0_consequences = l_0_appeal = l_0_document_control = l_0_acknowledgement = l_0_chapter = missing
        try:
            t_1 = environment.filters['batch']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'batch' found.")
        try:
            t_2 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_2(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        try:
            t_3 = environment.filters['cell']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'cell' found.")
        try:
            t_4 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_5 = environment.filters['item']
        except KeyError:
            @internalcode
            def t_5(*unused):
                raise TemplateRuntimeError("No filter named 'item' found.")
        try:
            t_6 = environment.filters['join']
        except KeyError:
            @internalcode
            def t_6(*unused):
                raise TemplateRuntimeError("No filter named 'join' found.")
        try:
            t_7 = environment.filters['length']
        except KeyError:
            @internalcode
            def t_7(*unused):
                raise TemplateRuntimeError("No filter named 'length' found.")
        try:
            t_8 = environment.filters['list']
        except KeyError:
            @internalcode
            def t_8(*unused):
                raise TemplateRuntimeError("No filter named 'list' found.")
        try:
            t_9 = environment.filters['number']
        except KeyError:
            @internalcode
            def t_9(*unused):
                raise TemplateRuntimeError("No filter named 'number' found.")
        try:
            t_10 = environment.filters['rest']
        except KeyError:
            @internalcode
            def t_10(*unused):
                raise TemplateRuntimeError("No filter named 'rest' found.")
        try:
            t_11 = environment.filters['select']
        except KeyError:
            @internalcode
            def t_11(*unused):
                raise TemplateRuntimeError("No filter named 'select' found.")
        try:
            t_12 = environment.filters['selectattr']
        except KeyError:
            @internalcode
            def t_12(*unused):
                raise TemplateRuntimeError("No filter named 'selectattr' found.")
        try:
            t_13 = environment.filters['sum']
        except KeyError:
            @internalcode
            def t_13(*unused):
                raise TemplateRuntimeError("No filter named 'sum' found.")
        try:
            t_14 = environment.tests['none']
        except KeyError:
            @internalcode
            def t_14(*unused):
                raise TemplateRuntimeError("No test named 'none' found.")
        try:
            t_15 = environment.tests['string']
        except KeyError:
            @internalcode
            def t_15(*unused):
                raise TemplateRuntimeError("No test named 'string' found.")
        pass
        def macro(l_1_c):
            t_16 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            t_16.extend((
                '::: doc-title\n# ',
                str(t_4(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'title'))),
                '\n\n',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'job_description')),
            ))
            if environment.getattr(l_1_c, 'organization'):
                pass
                t_16.extend((
                    ' · ',
                    str(t_4(environment.getattr(l_1_c, 'organization'))),
                ))
            t_16.append(
                '\n:::\n',
            )
            return concat(t_16)
        context.exported_vars.add('doc_title')
        context.vars['doc_title'] = l_0_doc_title = Macro(environment, macro, 'doc_title', ('c',), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c):
            t_17 = []
            l_1_t = l_1_pairs = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            pass
            l_1_t = environment.getattr(l_1_c, 't')
            l_1_pairs = environment.getattr(l_1_c, 'basic_info')
            t_17.append(
                '::: meta\n',
            )
            l_2_loop = missing
            for l_2_row, l_2_loop in LoopContext(t_1((undefined(name='pairs') if l_1_pairs is missing else l_1_pairs), 2, ['', '']), undefined):
                _loop_vars = {}
                pass
                t_17.extend((
                    '| ',
                    str(environment.getitem(environment.getitem(l_2_row, 0), 0)),
                    ' | ',
                    str(t_3(environment.getitem(environment.getitem(l_2_row, 0), 1))),
                    ' | ',
                    str(environment.getitem(environment.getitem(l_2_row, 1), 0)),
                    ' | ',
                    str(t_3(environment.getitem(environment.getitem(l_2_row, 1), 1))),
                    ' |\n',
                ))
                if environment.getattr(l_2_loop, 'first'):
                    pass
                    t_17.append(
                        '|---|---|---|---|\n',
                    )
            l_2_loop = l_2_row = missing
            t_17.append(
                ':::\n',
            )
            return concat(t_17)
        context.exported_vars.add('meta')
        context.vars['meta'] = l_0_meta = Macro(environment, macro, 'meta', ('c',), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_18 = []
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            t_18.extend((
                str(environment.call_binop(context, '*', '#', l_1_level)),
                ' ',
                str(environment.getattr(environment.getattr(l_1_c, 't'), 'basic_info')),
                '\n\n',
                str(environment.call(context, (undefined(name='meta') if l_0_meta is missing else l_0_meta), l_1_c)),
                '\n',
            ))
            return concat(t_18)
        context.exported_vars.add('basic_info')
        context.vars['basic_info'] = l_0_basic_info = Macro(environment, macro, 'basic_info', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_19 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'summary'):
                pass
                t_19.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'summary')),
                    '\n\n',
                    str(t_2(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'summary'))),
                    '\n',
                ))
            return concat(t_19)
        context.exported_vars.add('summary')
        context.vars['summary'] = l_0_summary = Macro(environment, macro, 'summary', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_20 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            t_20.extend((
                str(environment.call_binop(context, '*', '#', l_1_level)),
                ' ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'duties')),
                '\n',
            ))
            l_2_loop = missing
            for l_2_duty, l_2_loop in LoopContext(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'duties'), undefined):
                _loop_vars = {}
                pass
                t_20.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', (l_1_level + 1))),
                    ' ',
                    str(environment.getattr(l_2_loop, 'index')),
                    '. ',
                    str(t_4(environment.getattr(l_2_duty, 'title'))),
                ))
                if (not t_14(environment.getattr(l_2_duty, 'share'))):
                    pass
                    t_20.append(
                        str(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'paren'), environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'share'), environment.getattr(l_2_duty, 'share'), _loop_vars=_loop_vars), _loop_vars=_loop_vars)),
                    )
                t_20.append(
                    '\n',
                )
                if environment.getattr(l_2_duty, 'description'):
                    pass
                    t_20.extend((
                        '\n',
                        str(t_2(environment.getattr(l_2_duty, 'description'))),
                        '\n',
                    ))
                if environment.getattr(l_2_duty, 'daily_tasks'):
                    pass
                    t_20.extend((
                        '\n',
                        str(environment.call_binop(context, '*', '#', (l_1_level + 2))),
                        ' ',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'daily_tasks')),
                        '\n\n',
                    ))
                    for l_3_task in environment.getattr(l_2_duty, 'daily_tasks'):
                        _loop_vars = {}
                        pass
                        t_20.extend((
                            '- ',
                            str(t_5(l_3_task)),
                            '\n',
                        ))
                    l_3_task = missing
                if environment.getattr(l_2_duty, 'deliverables'):
                    pass
                    t_20.extend((
                        '\n**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'deliverables')),
                        '**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                        str(t_4(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), environment.getattr(l_2_duty, 'deliverables'), _loop_vars=_loop_vars))),
                        '\n',
                    ))
            l_2_loop = l_2_duty = missing
            return concat(t_20)
        context.exported_vars.add('duties')
        context.vars['duties'] = l_0_duties = Macro(environment, macro, 'duties', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_21 = []
            l_1_role = l_1_t = l_1_f = l_1_groups = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_groups = environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'relationships'), (undefined(name='role') if l_1_role is missing else l_1_role))
            if (environment.getattr((undefined(name='groups') if l_1_groups is missing else l_1_groups), 'internal') or environment.getattr((undefined(name='groups') if l_1_groups is missing else l_1_groups), 'external')):
                pass
                t_21.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'relationships')),
                    '\n\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'rel_kind')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'rel_with')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'rel_purpose')),
                    ' |\n|---|---|---|\n',
                ))
                def t_22(fiter):
                    for l_2_side in fiter:
                        if environment.getitem((undefined(name='groups') if l_1_groups is missing else l_1_groups), l_2_side):
                            yield l_2_side
                l_2_loop = missing
                for l_2_side, l_2_loop in LoopContext(t_22(['internal', 'external']), undefined):
                    _loop_vars = {}
                    pass
                    l_3_loop = missing
                    for (l_3_partners, l_3_purpose), l_3_loop in LoopContext(environment.getitem((undefined(name='groups') if l_1_groups is missing else l_1_groups), l_2_side), undefined):
                        _loop_vars = {}
                        pass
                        t_21.append(
                            '| ',
                        )
                        if environment.getattr(l_3_loop, 'first'):
                            pass
                            t_21.extend((
                                '**',
                                str(environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), l_2_side)),
                                '**',
                            ))
                        else:
                            pass
                            t_21.append(
                                str(environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), l_2_side)),
                            )
                        t_21.extend((
                            ' | ',
                            str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), l_3_partners, _loop_vars=_loop_vars))),
                            ' | ',
                            str((t_3(l_3_purpose) if l_3_purpose else '')),
                            ' |\n',
                        ))
                    l_3_loop = l_3_partners = l_3_purpose = missing
                l_2_loop = l_2_side = missing
            return concat(t_21)
        context.exported_vars.add('relationships')
        context.vars['relationships'] = l_0_relationships = Macro(environment, macro, 'relationships', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_23 = []
            l_1_role = l_1_t = l_1_f = l_1_needs = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_needs = environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'requirements'), environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'requirements'))
            if (environment.getattr((undefined(name='needs') if l_1_needs is missing else l_1_needs), 'essential') or environment.getattr((undefined(name='needs') if l_1_needs is missing else l_1_needs), 'desirable')):
                pass
                t_23.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'requirements')),
                    '\n',
                ))
                def t_24(fiter):
                    for l_2_side in fiter:
                        if environment.getitem((undefined(name='needs') if l_1_needs is missing else l_1_needs), l_2_side):
                            yield l_2_side
                for l_2_side in t_24(['essential', 'desirable']):
                    _loop_vars = {}
                    pass
                    t_23.extend((
                        '\n',
                        str(environment.call_binop(context, '*', '#', (l_1_level + 1))),
                        ' ',
                        str(environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), l_2_side)),
                        '\n',
                    ))
                    for (l_3_label, l_3_value) in environment.getitem((undefined(name='needs') if l_1_needs is missing else l_1_needs), l_2_side):
                        _loop_vars = {}
                        pass
                        if t_15(l_3_value):
                            pass
                            t_23.extend((
                                '\n**',
                                str(l_3_label),
                                '**',
                                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                                str(t_10(l_3_value)),
                                '\n',
                            ))
                        else:
                            pass
                            t_23.extend((
                                '\n',
                                str(environment.call_binop(context, '*', '#', (l_1_level + 2))),
                                ' ',
                                str(l_3_label),
                                '\n\n',
                            ))
                            for (l_4_name, l_4_description) in l_3_value:
                                _loop_vars = {}
                                pass
                                t_23.append(
                                    '- ',
                                )
                                if l_4_description:
                                    pass
                                    t_23.extend((
                                        '**',
                                        str(t_4(l_4_name)),
                                        '**',
                                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                                        str(t_10(l_4_description, 2)),
                                    ))
                                else:
                                    pass
                                    t_23.append(
                                        str(t_5(l_4_name)),
                                    )
                                t_23.append(
                                    '\n',
                                )
                            l_4_name = l_4_description = missing
                    l_3_label = l_3_value = missing
                l_2_side = missing
            return concat(t_23)
        context.exported_vars.add('requirements')
        context.vars['requirements'] = l_0_requirements = Macro(environment, macro, 'requirements', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_25 = []
            l_1_role = l_1_t = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'))
            if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'working_conditions'):
                pass
                t_25.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'working_conditions')),
                    '\n\n',
                    str(t_2(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'working_conditions'))),
                    '\n',
                ))
            return concat(t_25)
        context.exported_vars.add('conditions')
        context.vars['conditions'] = l_0_conditions = Macro(environment, macro, 'conditions', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_26 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            if (environment.getattr(l_1_c, 'career_from') or environment.getattr(l_1_c, 'career_to')):
                pass
                t_26.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'career_path')),
                    '\n',
                ))
                if environment.getattr(l_1_c, 'career_from'):
                    pass
                    t_26.extend((
                        '\n**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'career_from')),
                        '**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                        str(t_4(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), environment.getattr(l_1_c, 'career_from')))),
                        '\n',
                    ))
                if environment.getattr(l_1_c, 'career_to'):
                    pass
                    t_26.extend((
                        '\n**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'career_to')),
                        '**',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                        str(t_4(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), environment.getattr(l_1_c, 'career_to')))),
                        '\n',
                    ))
            return concat(t_26)
        context.exported_vars.add('career')
        context.vars['career'] = l_0_career = Macro(environment, macro, 'career', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_27 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'scenarios'):
                pass
                t_27.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'scenarios')),
                    '\n',
                ))
                l_2_loop = missing
                for l_2_s, l_2_loop in LoopContext(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'scenarios'), undefined):
                    _loop_vars = {}
                    pass
                    t_27.extend((
                        '\n',
                        str(environment.call_binop(context, '*', '#', (l_1_level + 1))),
                        ' ',
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'scenario')),
                        ' ',
                        str(environment.getattr(l_2_loop, 'index')),
                        str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                        str(t_4(environment.getattr(l_2_s, 'title'))),
                        '\n',
                    ))
                    def t_28(fiter):
                        for l_3_field in fiter:
                            if environment.getitem(l_2_s, l_3_field):
                                yield l_3_field
                    for l_3_field in t_28(['background', 'task', 'communication', 'outcome']):
                        _loop_vars = {}
                        pass
                        t_27.extend((
                            '\n**',
                            str(environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), l_3_field)),
                            '**',
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_10(environment.getitem(l_2_s, l_3_field))),
                            '\n',
                        ))
                    l_3_field = missing
                l_2_loop = l_2_s = missing
            return concat(t_27)
        context.exported_vars.add('scenarios')
        context.vars['scenarios'] = l_0_scenarios = Macro(environment, macro, 'scenarios', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_29 = []
            l_1_facts = resolve('facts')
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'dimensions')):
                pass
                t_29.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'assessment')),
                    '\n',
                ))
                if environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'description'):
                    pass
                    t_29.extend((
                        '\n',
                        str(t_2(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'description'))),
                        '\n',
                    ))
                l_1_facts = t_8(context.eval_ctx, t_11(context, [(str_join(('**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'period'), '**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), str_join(('period_', environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'period'), ))), )) if environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'period') else ''), (str_join(('**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'schedule'), '**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), t_4(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'schedule')), )) if environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'schedule') else ''), (str_join(('**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'methods'), '**', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), t_4(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'methods'))), )) if environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'methods') else '')]))
                if (undefined(name='facts') if l_1_facts is missing else l_1_facts):
                    pass
                    t_29.extend((
                        '\n',
                        str(t_6(context.eval_ctx, (undefined(name='facts') if l_1_facts is missing else l_1_facts), '  \n')),
                        '\n\n',
                    ))
                t_29.extend((
                    '\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'dimension')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'kpi')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'weight')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'target')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'pass')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'excellent')),
                    ' |\n|---|---|--:|---|---|---|\n',
                ))
                l_2_loop = missing
                for l_2_d, l_2_loop in LoopContext(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'dimensions'), undefined):
                    _loop_vars = {}
                    pass
                    l_3_loop = missing
                    for l_3_k, l_3_loop in LoopContext(environment.getattr(l_2_d, 'kpis'), undefined):
                        _loop_vars = {}
                        pass
                        t_29.append(
                            '| ',
                        )
                        if environment.getattr(l_3_loop, 'first'):
                            pass
                            t_29.extend((
                                '**',
                                str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'keep'), environment.getattr(l_2_d, 'name'), _loop_vars=_loop_vars))),
                                '**',
                                str(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'paren'), environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'dimension_weight'), l_2_d, _loop_vars=_loop_vars), _loop_vars=_loop_vars)),
                            ))
                        else:
                            pass
                            t_29.append(
                                '^',
                            )
                        t_29.extend((
                            ' | ',
                            str(t_3(environment.getattr(l_3_k, 'name'))),
                            ' | ',
                            str(t_9(environment.getattr(l_3_k, 'weight'))),
                            '% | ',
                        ))
                        if (environment.getattr(l_3_k, 'kind') == 'qualitative'):
                            pass
                            t_29.append(
                                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'qualitative')),
                            )
                        else:
                            pass
                            t_29.append(
                                str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'amount'), l_3_k, environment.getattr(l_3_k, 'target'), _loop_vars=_loop_vars))),
                            )
                        t_29.append(
                            ' | ',
                        )
                        if (environment.getattr(l_3_k, 'kind') == 'qualitative'):
                            pass
                            t_29.append(
                                str((t_3(environment.getattr(environment.getitem(environment.getattr(l_3_k, 'criteria'), 1), 'level')) if (t_7(environment.getattr(l_3_k, 'criteria')) > 1) else '')),
                            )
                        else:
                            pass
                            t_29.append(
                                str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'threshold'), l_3_k, (environment.getattr(environment.getattr(l_3_k, 'thresholds'), 'pass_') if environment.getattr(l_3_k, 'thresholds') else None), _loop_vars=_loop_vars))),
                            )
                        t_29.append(
                            ' | ',
                        )
                        if (environment.getattr(l_3_k, 'kind') == 'qualitative'):
                            pass
                            t_29.append(
                                str((t_3(environment.getattr(environment.getitem(environment.getattr(l_3_k, 'criteria'), 0), 'level')) if environment.getattr(l_3_k, 'criteria') else '')),
                            )
                        else:
                            pass
                            t_29.append(
                                str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'threshold'), l_3_k, (environment.getattr(environment.getattr(l_3_k, 'thresholds'), 'excellent') if environment.getattr(l_3_k, 'thresholds') else None), _loop_vars=_loop_vars))),
                            )
                        t_29.append(
                            ' |\n',
                        )
                    l_3_loop = l_3_k = missing
                l_2_loop = l_2_d = missing
                t_29.extend((
                    '| **',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'total')),
                    '** | | **',
                    str(t_9(t_13(environment, environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis')), attribute='weight'))),
                    '%** | | | |\n',
                    str(environment.call(context, (undefined(name='scheme') if l_0_scheme is missing else l_0_scheme), l_1_c)),
                    '\n',
                ))
            return concat(t_29)
        context.exported_vars.add('assessment')
        context.vars['assessment'] = l_0_assessment = Macro(environment, macro, 'assessment', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c):
            t_30 = []
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'adjustments')):
                pass
                t_30.extend((
                    '\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'adjustments')),
                    str(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'adjustment_limits'), (undefined(name='a') if l_1_a is missing else l_1_a))),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'adjustment_points')),
                    ' |\n|---|---|\n',
                ))
                for l_2_item in environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'adjustments'):
                    _loop_vars = {}
                    pass
                    t_30.extend((
                        '| ',
                        str(t_3(environment.getattr(l_2_item, 'name'))),
                        ' | ',
                        str(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'adjustment'), l_2_item, (t_3(environment.getattr(l_2_item, 'per')) if environment.getattr(l_2_item, 'per') else ''), _loop_vars=_loop_vars)),
                        ' |\n',
                    ))
                l_2_item = missing
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'vetoes')):
                pass
                t_30.extend((
                    '\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'vetoes')),
                    str(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'paren'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'veto_hint'))),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'veto_grade')),
                    ' |\n|---|---|\n',
                ))
                for l_2_veto in environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'vetoes'):
                    _loop_vars = {}
                    pass
                    t_30.extend((
                        '| ',
                        str(t_3(environment.getattr(l_2_veto, 'name'))),
                        ' | ',
                        str((environment.getattr(l_2_veto, 'grade') or (environment.getattr(environment.getitem(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'grades'), -1), 'grade') if environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'grades') else ''))),
                        ' |\n',
                    ))
                l_2_veto = missing
            return concat(t_30)
        context.exported_vars.add('scheme')
        context.vars['scheme'] = l_0_scheme = Macro(environment, macro, 'scheme', ('c',), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_31 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            if environment.getattr(l_1_c, 'glossary'):
                pass
                t_31.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'glossary')),
                    '\n',
                ))
                for l_2_term in environment.getattr(l_1_c, 'glossary'):
                    _loop_vars = {}
                    pass
                    t_31.extend((
                        '\n',
                        str(t_4(environment.getattr(l_2_term, 'term'))),
                        '\n: ',
                        str(t_5(environment.getattr(l_2_term, 'definition'))),
                        '\n',
                    ))
                l_2_term = missing
            return concat(t_31)
        context.exported_vars.add('glossary')
        context.vars['glossary'] = l_0_glossary = Macro(environment, macro, 'glossary', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_32 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 3
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            if (((t_8(context.eval_ctx, t_12(context, environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis')), 'definition')) or t_8(context.eval_ctx, t_12(context, environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis')), 'formula'))) or t_8(context.eval_ctx, t_12(context, environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis')), 'source'))) or t_8(context.eval_ctx, t_12(context, environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis')), 'criteria'))):
                pass
                t_32.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'kpi_details')),
                    '\n',
                ))
                def t_33(fiter):
                    for l_2_k in fiter:
                        if (((environment.getattr(l_2_k, 'definition') or environment.getattr(l_2_k, 'formula')) or environment.getattr(l_2_k, 'source')) or environment.getattr(l_2_k, 'criteria')):
                            yield l_2_k
                for l_2_k in t_33(environment.call(context, environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'kpis'))):
                    _loop_vars = {}
                    pass
                    t_32.extend((
                        '\n**',
                        str(t_4(environment.getattr(l_2_k, 'name'))),
                        '**\n',
                    ))
                    if environment.getattr(l_2_k, 'definition'):
                        pass
                        t_32.extend((
                            ': ',
                            str(t_5(environment.getattr(l_2_k, 'definition'))),
                            '\n',
                        ))
                    if environment.getattr(l_2_k, 'formula'):
                        pass
                        t_32.extend((
                            ': ',
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'formula')),
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_4(environment.getattr(l_2_k, 'formula'))),
                            '\n',
                        ))
                    if environment.getattr(l_2_k, 'source'):
                        pass
                        t_32.extend((
                            ': ',
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'source')),
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_4(environment.getattr(l_2_k, 'source'))),
                            '\n',
                        ))
                    for l_3_criterion in environment.getattr(l_2_k, 'criteria'):
                        _loop_vars = {}
                        pass
                        t_32.extend((
                            ': **',
                            str(t_4(environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'level'), l_3_criterion, _loop_vars=_loop_vars))),
                            '**',
                        ))
                        if environment.getattr(l_3_criterion, 'description'):
                            pass
                            t_32.extend((
                                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                                str(t_4(environment.getattr(l_3_criterion, 'description'))),
                            ))
                        t_32.append(
                            '\n',
                        )
                    l_3_criterion = missing
                l_2_k = missing
            return concat(t_32)
        context.exported_vars.add('kpi_details')
        context.vars['kpi_details'] = l_0_kpi_details = Macro(environment, macro, 'kpi_details', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_34 = []
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 2
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'grades')):
                pass
                t_34.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'grades')),
                    '\n\n',
                    str(t_4(t_6(context.eval_ctx, environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'scoring_rule'), (undefined(name='a') if l_1_a is missing else l_1_a)), '\n'))),
                    '\n\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'grade_band')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'score_range')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'rating')),
                    ' |\n|---|---|---|\n',
                ))
                for (l_2_grade, l_2_range, l_2_label, l_2_description) in environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'grade_ranges'), environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'grades')):
                    _loop_vars = {}
                    pass
                    t_34.extend((
                        '| **',
                        str(t_3(l_2_grade)),
                        '** | ',
                        str(l_2_range),
                        ' | ',
                        str(t_3(l_2_label)),
                    ))
                    if l_2_description:
                        pass
                        t_34.extend((
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_3(l_2_description)),
                        ))
                    t_34.append(
                        ' |\n',
                    )
                l_2_grade = l_2_range = l_2_label = l_2_description = missing
            return concat(t_34)
        context.exported_vars.add('grades')
        context.vars['grades'] = l_0_grades = Macro(environment, macro, 'grades', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_35 = []
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 2
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'process')):
                pass
                t_35.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'process')),
                    '\n\n',
                ))
                l_2_loop = missing
                for l_2_step, l_2_loop in LoopContext(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'process'), undefined):
                    _loop_vars = {}
                    pass
                    t_35.extend((
                        str(environment.getattr(l_2_loop, 'index')),
                        '. **',
                        str(t_4(environment.getattr(l_2_step, 'name'))),
                        '**',
                    ))
                    if environment.getattr(l_2_step, 'description'):
                        pass
                        t_35.extend((
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_10(environment.getattr(l_2_step, 'description'), 3)),
                        ))
                    t_35.append(
                        '\n',
                    )
                l_2_loop = l_2_step = missing
            return concat(t_35)
        context.exported_vars.add('process')
        context.vars['process'] = l_0_process = Macro(environment, macro, 'process', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_36 = []
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 2
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'result_application')):
                pass
                t_36.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'result_application')),
                    '\n\n',
                ))
                for l_2_use in environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'result_application'):
                    _loop_vars = {}
                    pass
                    t_36.extend((
                        '- **',
                        str(t_4(environment.getattr(l_2_use, 'area'))),
                        '**',
                    ))
                    if environment.getattr(l_2_use, 'description'):
                        pass
                        t_36.extend((
                            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon')),
                            str(t_10(environment.getattr(l_2_use, 'description'), 2)),
                        ))
                    t_36.append(
                        '\n',
                    )
                l_2_use = missing
            def t_37(fiter):
                for l_2_field in fiter:
                    if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getitem((undefined(name='a') if l_1_a is missing else l_1_a), l_2_field)):
                        yield l_2_field
            for l_2_field in t_37(['rewards', 'penalties']):
                _loop_vars = {}
                pass
                t_36.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getitem((undefined(name='t') if l_1_t is missing else l_1_t), l_2_field)),
                    '\n\n',
                ))
                for l_3_entry in environment.getitem((undefined(name='a') if l_1_a is missing else l_1_a), l_2_field):
                    _loop_vars = {}
                    pass
                    t_36.extend((
                        '- ',
                        str(t_5(l_3_entry)),
                        '\n',
                    ))
                l_3_entry = missing
            l_2_field = missing
            return concat(t_36)
        context.exported_vars.add('consequences')
        context.vars['consequences'] = l_0_consequences = Macro(environment, macro, 'consequences', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_38 = []
            l_1_role = l_1_t = l_1_f = l_1_a = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 2
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            l_1_a = environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'assessment')
            if ((undefined(name='a') if l_1_a is missing else l_1_a) and environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'appeal')):
                pass
                t_38.extend((
                    '\n',
                    str(environment.call_binop(context, '*', '#', l_1_level)),
                    ' ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'appeal')),
                    '\n\n',
                    str(t_2(environment.getattr((undefined(name='a') if l_1_a is missing else l_1_a), 'appeal'))),
                    '\n',
                ))
            return concat(t_38)
        context.exported_vars.add('appeal')
        context.vars['appeal'] = l_0_appeal = Macro(environment, macro, 'appeal', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level, l_1_keep):
            t_39 = []
            l_1_role = l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            if l_1_keep is missing:
                l_1_keep = False
            pass
            (l_1_role, l_1_t, l_1_f) = (environment.getattr(l_1_c, 'role'), environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            t_39.extend((
                '\n',
                str(environment.call_binop(context, '*', '#', l_1_level)),
                ' ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'document_control')),
                '\n\n::: note',
                str((' keep=next' if l_1_keep else cond_expr_undefined("the inline if-expression on line 328 in 'role_parts.md.j2' evaluated to false and no else section was defined."))),
                '\n',
                str(t_6(context.eval_ctx, t_11(context, [(str_join((environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'version'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), t_4(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'version')), )) if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'version') else ''), (str_join((environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'effective'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), (environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'effective') or ''), )) if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'effective') else ''), str_join((environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'status'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), environment.getattr(l_1_c, 'status'), )), (str_join((environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'owner'), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'label_colon'), t_4(environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'owner')), )) if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'owner') else '')]), environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'fields_separator'))),
                '\n:::\n',
            ))
            if environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'changes'):
                pass
                t_39.extend((
                    '\n| ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'version')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'date')),
                    ' | ',
                    str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'change')),
                    ' |\n|---|---|---|\n',
                ))
                for l_2_change in environment.getattr((undefined(name='role') if l_1_role is missing else l_1_role), 'changes'):
                    _loop_vars = {}
                    pass
                    t_39.extend((
                        '| ',
                        str(t_3(environment.getattr(l_2_change, 'version'))),
                        ' | ',
                        str((environment.getattr(l_2_change, 'date') or '')),
                        ' | ',
                        str(t_3(environment.getattr(l_2_change, 'summary'))),
                        ' |\n',
                    ))
                l_2_change = missing
            return concat(t_39)
        context.exported_vars.add('document_control')
        context.vars['document_control'] = l_0_document_control = Macro(environment, macro, 'document_control', ('c', 'level', 'keep'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_level):
            t_40 = []
            l_1_t = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_level is missing:
                l_1_level = 1
            pass
            l_1_t = environment.getattr(l_1_c, 't')
            t_40.extend((
                '\n',
                str(environment.call_binop(context, '*', '#', l_1_level)),
                ' ',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'acknowledgement')),
                '\n\n',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'acknowledgement_text')),
                '\n\n::: signatures date=',
                str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'date')),
                '\n',
            ))
            for l_2_name in environment.getattr(l_1_c, 'jd_signatures'):
                _loop_vars = {}
                pass
                t_40.extend((
                    str(t_4(l_2_name)),
                    '\n\n',
                ))
            l_2_name = missing
            t_40.append(
                ':::\n',
            )
            return concat(t_40)
        context.exported_vars.add('acknowledgement')
        context.vars['acknowledgement'] = l_0_acknowledgement = Macro(environment, macro, 'acknowledgement', ('c', 'level'), False, False, False, context.eval_ctx.autoescape)
        yield '\n'
        def macro(l_1_c, l_1_with_glossary, l_1_shared, l_1_with_control, l_1_title, l_1_printed):
            t_41 = []
            l_1_t = l_1_f = missing
            if l_1_c is missing:
                l_1_c = undefined("parameter 'c' was not provided", name='c')
            if l_1_with_glossary is missing:
                l_1_with_glossary = False
            if l_1_shared is missing:
                l_1_shared = []
            if l_1_with_control is missing:
                l_1_with_control = False
            if l_1_title is missing:
                l_1_title = None
            if l_1_printed is missing:
                l_1_printed = None
            pass
            l_1_printed = (l_1_shared if t_14(l_1_printed) else l_1_printed)
            (l_1_t, l_1_f) = (environment.getattr(l_1_c, 't'), environment.getattr(l_1_c, 'f'))
            t_41.extend((
                '# ',
                str(t_4((l_1_title or environment.getattr(environment.getattr(l_1_c, 'role'), 'title')))),
                '\n\n',
                str(environment.call(context, (undefined(name='meta') if l_0_meta is missing else l_0_meta), l_1_c)),
                '\n',
                str(environment.call(context, (undefined(name='summary') if l_0_summary is missing else l_0_summary), l_1_c, 2)),
                '\n\n',
                str(environment.call(context, (undefined(name='duties') if l_0_duties is missing else l_0_duties), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='relationships') if l_0_relationships is missing else l_0_relationships), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='requirements') if l_0_requirements is missing else l_0_requirements), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='conditions') if l_0_conditions is missing else l_0_conditions), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='career') if l_0_career is missing else l_0_career), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='scenarios') if l_0_scenarios is missing else l_0_scenarios), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='assessment') if l_0_assessment is missing else l_0_assessment), l_1_c, 2)),
                '\n',
                str(environment.call(context, (undefined(name='kpi_details') if l_0_kpi_details is missing else l_0_kpi_details), l_1_c, 3)),
                '\n',
            ))
            if ('grades' not in l_1_shared):
                pass
                t_41.append(
                    str(environment.call(context, (undefined(name='grades') if l_0_grades is missing else l_0_grades), l_1_c, 3)),
                )
            if ('process' not in l_1_shared):
                pass
                t_41.append(
                    str(environment.call(context, (undefined(name='process') if l_0_process is missing else l_0_process), l_1_c, 3)),
                )
            if ('consequences' not in l_1_shared):
                pass
                t_41.append(
                    str(environment.call(context, (undefined(name='consequences') if l_0_consequences is missing else l_0_consequences), l_1_c, 3)),
                )
            if ('appeal' not in l_1_shared):
                pass
                t_41.append(
                    str(environment.call(context, (undefined(name='appeal') if l_0_appeal is missing else l_0_appeal), l_1_c, 3)),
                )
            if l_1_printed:
                pass
                t_41.extend((
                    '\n',
                    str(environment.call(context, environment.getattr(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'see_shared'), 'format'), what=environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'join'), environment.call(context, environment.getattr((undefined(name='f') if l_1_f is missing else l_1_f), 'shared_names'), l_1_printed)), chapter=str_join(('[', environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'shared_rules'), '](#rolebook-shared)', )))),
                    '\n',
                ))
            if l_1_with_glossary:
                pass
                t_41.extend((
                    str(environment.call(context, (undefined(name='glossary') if l_0_glossary is missing else l_0_glossary), l_1_c, 2)),
                    '\n',
                ))
            if l_1_with_control:
                pass
                t_41.extend((
                    str(environment.call(context, (undefined(name='document_control') if l_0_document_control is missing else l_0_document_control), l_1_c, 2)),
                    '\n',
                ))
            return concat(t_41)
        context.exported_vars.add('chapter')
        context.vars['chapter'] = l_0_chapter = Macro(environment, macro, 'chapter', ('c', 'with_glossary', 'shared', 'with_control', 'title', 'printed'), False, False, False, context.eval_ctx.autoescape)

    blocks = {}
    debug_info = '3=103&4=109&6=112&8=114&13=129&15=135&16=136&18=141&19=146&20=155&27=168&28=176&30=180&33=187&34=195&35=196&37=200&39=204&43=211&44=219&45=221&46=227&48=232&50=246&52=250&54=253&56=257&58=262&59=267&62=271&64=275&69=286&74=294&75=295&76=296&78=300&80=304&82=311&83=320&84=326&90=351&92=359&93=360&94=361&96=365&97=370&99=379&100=384&101=387&103=391&106=401&108=406&109=412&118=436&119=444&120=445&122=449&124=453&128=460&130=468&131=469&133=473&134=478&136=482&138=488&140=492&145=502&146=510&147=511&149=515&150=521&152=526&153=535&155=544&161=556&162=565&163=566&164=567&166=571&167=576&169=580&171=583&176=584&178=588&182=593&184=607&185=611&186=617&189=680&190=684&194=691&196=697&197=698&198=699&200=703&202=709&203=714&206=720&208=724&210=730&211=735&216=745&217=753&218=754&220=758&221=763&223=768&224=770&229=778&232=786&233=787&236=791&237=796&239=805&240=808&241=812&243=815&244=819&246=824&247=828&249=833&250=838&257=856&258=864&259=865&260=866&262=870&264=874&266=876&268=883&269=888&274=908&275=916&276=917&277=918&279=922&281=928&282=932&288=951&289=959&290=960&291=961&293=965&295=970&296=975&300=988&302=997&304=1002&305=1007&310=1016&311=1024&312=1025&313=1026&315=1030&317=1034&321=1041&324=1051&326=1054&328=1058&332=1060&334=1063&336=1067&338=1074&339=1079&344=1091&345=1099&347=1102&349=1106&351=1108&352=1111&353=1115&359=1126&363=1142&364=1143&365=1146&367=1148&368=1150&370=1152&371=1154&372=1156&373=1158&374=1160&375=1162&376=1164&377=1166&378=1169&379=1174&380=1179&381=1184&382=1189&384=1193&386=1196&387=1199&389=1202&390=1205'
    return locals()
