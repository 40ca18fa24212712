def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'form.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_role = resolve('role')
        l_0_f = resolve('f')
        l_0_t = resolve('t')
        l_0_parts = l_0_a = l_0_raters = l_0_several = l_0_period = l_0_na = missing
        try:
            t_1 = environment.filters['length']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'length' found.")
        pass
        l_0_parts = context.vars['parts'] = environment.get_template('role_parts.md.j2', 'form.md.j2')._get_default_module(context)
        context.exported_vars.discard('parts')
        l_0_a = environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'assessment')
        context.vars['a'] = l_0_a
        context.exported_vars.add('a')
        l_0_raters = environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'raters'), (undefined(name='a') if l_0_a is missing else l_0_a))
        context.vars['raters'] = l_0_raters
        context.exported_vars.add('raters')
        l_0_several = (t_1((undefined(name='raters') if l_0_raters is missing else l_0_raters)) > 1)
        context.vars['several'] = l_0_several
        context.exported_vars.add('several')
        l_0_period = (environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'period') if ((undefined(name='a') if l_0_a is missing else l_0_a) and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'period')) else 'none')
        context.vars['period'] = l_0_period
        context.exported_vars.add('period')
        l_0_na = environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_applicable')
        context.vars['na'] = l_0_na
        context.exported_vars.add('na')
        yield ':::: landscape\n'
        yield from context.blocks['title'][0](context)
        yield from context.blocks['kpis'][0](context)
        yield from context.blocks['scoring'][0](context)
        yield from context.blocks['scheme'][0](context)
        yield from context.blocks['process'][0](context)
        yield from context.blocks['notes'][0](context)
        yield from context.blocks['opinion'][0](context)
        yield from context.blocks['appeal'][0](context)
        yield from context.blocks['signatures'][0](context)
        yield from context.blocks['end'][0](context)
        yield '::::\n'

    def block_title(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_organization = resolve('organization')
        l_0_role = resolve('role')
        l_0_t = resolve('t')
        l_0_field = resolve('field')
        l_0_f = resolve('f')
        l_0_reports_to = resolve('reports_to')
        l_0_period = resolve('period')
        try:
            t_2 = environment.filters['cell']
        except KeyError:
            @internalcode
            def t_2(*unused):
                raise TemplateRuntimeError("No filter named 'cell' found.")
        try:
            t_3 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_4 = environment.filters['replace']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'replace' found.")
        pass
        yield '::: doc-title\n# '
        if (undefined(name='organization') if l_0_organization is missing else l_0_organization):
            pass
            yield str(t_3((undefined(name='organization') if l_0_organization is missing else l_0_organization)))
            yield ' '
        yield str(t_3(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'title')))
        yield ' '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'appraisal_form'))
        yield '\n:::\n\n::: meta\n| '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'employee_name'))
        yield ' | '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'text', 'employee', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'employee_name'), _block_vars=_block_vars))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'position'))
        yield ' | '
        yield str(t_2(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'keep'), environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'title'), _block_vars=_block_vars)))
        yield ' |\n|---|---|---|---|\n| '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'department'))
        yield ' | '
        yield str(t_2(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'department')))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'supervisor_name'))
        yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'paren'), t_2((undefined(name='reports_to') if l_0_reports_to is missing else l_0_reports_to)), _block_vars=_block_vars))
        yield ' | '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'text', 'supervisor', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'supervisor_name'), _block_vars=_block_vars))
        yield ' |\n| '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'period'))
        yield ' | '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'text', 'period', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'period'), t_4(context.eval_ctx, environment.getitem((undefined(name='t') if l_0_t is missing else l_0_t), str_join(('period_blank_', (undefined(name='period') if l_0_period is missing else l_0_period), ))), '\\_', '_'), _block_vars=_block_vars))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'form_date'))
        yield ' | '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'date', 'date', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'form_date'), _block_vars=_block_vars))
        yield ' |\n:::\n'

    def block_kpis(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_f = resolve('f')
        l_0_several = resolve('several')
        l_0_raters = resolve('raters')
        l_0_t = resolve('t')
        l_0_a = resolve('a')
        l_0_role = resolve('role')
        l_0_field = resolve('field')
        try:
            t_3 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_1 = environment.filters['length']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'length' found.")
        try:
            t_5 = environment.filters['number']
        except KeyError:
            @internalcode
            def t_5(*unused):
                raise TemplateRuntimeError("No filter named 'number' found.")
        try:
            t_6 = environment.filters['rest']
        except KeyError:
            @internalcode
            def t_6(*unused):
                raise TemplateRuntimeError("No filter named 'rest' found.")
        try:
            t_7 = environment.filters['sum']
        except KeyError:
            @internalcode
            def t_7(*unused):
                raise TemplateRuntimeError("No filter named 'sum' found.")
        pass
        yield '\n::: form widths='
        yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'kpi_widths'), (t_1((undefined(name='raters') if l_0_raters is missing else l_0_raters)) if (undefined(name='several') if l_0_several is missing else l_0_several) else 0), _block_vars=_block_vars))
        yield ' align=l,l,r\n- - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'dimension'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'kpi'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'weight'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'target'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'pass'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'excellent'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'result'))
        yield '\n'
        if (undefined(name='several') if l_0_several is missing else l_0_several):
            pass
            for (l_1_id, l_1_name, l_1_weight) in (undefined(name='raters') if l_0_raters is missing else l_0_raters):
                _loop_vars = {}
                pass
                yield '  - '
                yield str(t_3(l_1_name))
                yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'paren'), str_join((t_5(l_1_weight), '%', )), _loop_vars=_loop_vars))
                yield '\n'
            l_1_id = l_1_name = l_1_weight = missing
        yield '  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'weighted_score'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'comment'))
        yield '\n'
        l_1_loop = missing
        for l_1_d, l_1_loop in LoopContext((environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'dimensions') if (undefined(name='a') if l_0_a is missing else l_0_a) else []), undefined):
            _loop_vars = {}
            pass
            l_2_loop = missing
            for l_2_k, l_2_loop in LoopContext(environment.getattr(l_1_d, 'kpis'), undefined):
                l_2_na = resolve('na')
                _loop_vars = {}
                pass
                yield '- - '
                if environment.getattr(l_2_loop, 'first'):
                    pass
                    yield '**'
                    yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'keep'), environment.getattr(l_1_d, 'name'), _loop_vars=_loop_vars)))
                    yield '**'
                    yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'paren'), environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'dimension_weight'), l_1_d, _loop_vars=_loop_vars), _loop_vars=_loop_vars))
                else:
                    pass
                    yield '^'
                yield '\n  - **'
                yield str(t_3(environment.getattr(l_2_k, 'name')))
                yield '**\n'
                if ((environment.getattr(l_2_k, 'formula') or environment.getattr(l_2_k, 'definition')) or environment.getattr(l_2_k, 'source')):
                    pass
                    yield '\n    '
                    yield str((t_6((environment.getattr(l_2_k, 'formula') or environment.getattr(l_2_k, 'definition')), 4) if (environment.getattr(l_2_k, 'formula') or environment.getattr(l_2_k, 'definition')) else cond_expr_undefined("the inline if-expression on line 48 in 'form.md.j2' evaluated to false and no else section was defined.")))
                    if environment.getattr(l_2_k, 'source'):
                        pass
                        yield str((environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'clause'), (environment.getattr(l_2_k, 'formula') or environment.getattr(l_2_k, 'definition')), _loop_vars=_loop_vars) if (environment.getattr(l_2_k, 'formula') or environment.getattr(l_2_k, 'definition')) else cond_expr_undefined("the inline if-expression on line 48 in 'form.md.j2' evaluated to false and no else section was defined.")))
                        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
                        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                        yield str(t_3(environment.getattr(l_2_k, 'source')))
                    yield '\n'
                if ((environment.getattr(l_2_k, 'kind') == 'qualitative') and environment.getattr(l_2_k, 'criteria')):
                    pass
                    yield '\n'
                    l_3_loop = missing
                    for l_3_c, l_3_loop in LoopContext(environment.getattr(l_2_k, 'criteria'), undefined):
                        _loop_vars = {}
                        pass
                        yield '    '
                        yield str((str_join((environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tick'), '\xa0', )) if (not environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'scores_levels'), l_2_k, _loop_vars=_loop_vars)) else cond_expr_undefined("the inline if-expression on line 54 in 'form.md.j2' evaluated to false and no else section was defined.")))
                        yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'level'), l_3_c, _loop_vars=_loop_vars)))
                        if environment.getattr(l_3_c, 'description'):
                            pass
                            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                            yield str(t_3(environment.getattr(l_3_c, 'description')))
                        yield str(('  ' if (not environment.getattr(l_3_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 54 in 'form.md.j2' evaluated to false and no else section was defined.")))
                        yield '\n'
                    l_3_loop = l_3_c = missing
                    if (not environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'scores_levels'), l_2_k, _loop_vars=_loop_vars)):
                        pass
                        yield '\n    *'
                        yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'level_score_hint'), (undefined(name='a') if l_0_a is missing else l_0_a), _loop_vars=_loop_vars)))
                        yield '*\n'
                    yield '\n'
                yield '\n  - '
                yield str(t_5(environment.getattr(l_2_k, 'weight')))
                yield '%\n'
                if (environment.getattr(l_2_k, 'kind') == 'qualitative'):
                    pass
                    yield '  - '
                    yield str((undefined(name='na') if l_2_na is missing else l_2_na))
                    yield '\n  - '
                    yield str((undefined(name='na') if l_2_na is missing else l_2_na))
                    yield '\n  - '
                    yield str((undefined(name='na') if l_2_na is missing else l_2_na))
                    yield '\n'
                    if (undefined(name='several') if l_0_several is missing else l_0_several):
                        pass
                        yield '  - '
                        yield str((undefined(name='na') if l_2_na is missing else l_2_na))
                        yield '\n'
                    l_3_loop = missing
                    for (l_3_id, l_3_name, l_3_weight), l_3_loop in LoopContext(((undefined(name='raters') if l_0_raters is missing else l_0_raters) if (undefined(name='several') if l_0_several is missing else l_0_several) else [(None, '', 100)]), undefined):
                        l_3_key = missing
                        _loop_vars = {}
                        pass
                        l_3_key = str_join((environment.getattr(l_2_k, 'id'), (str_join(('@', l_3_id, )) if l_3_id else ''), ))
                        _loop_vars['key'] = l_3_key
                        yield '  - '
                        if environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'scores_levels'), l_2_k, _loop_vars=_loop_vars):
                            pass
                            l_4_loop = missing
                            for l_4_c, l_4_loop in LoopContext(environment.getattr(l_2_k, 'criteria'), undefined):
                                _loop_vars = {}
                                pass
                                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'choice', (undefined(name='key') if l_3_key is missing else l_3_key), environment.getattr(l_4_c, 'level'), environment.getattr(l_4_c, 'level'), _loop_vars=_loop_vars))
                                if (not environment.getattr(l_4_loop, 'last')):
                                    pass
                                    yield '\\\n    '
                            l_4_loop = l_4_c = missing
                        else:
                            pass
                            yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'number', (undefined(name='key') if l_3_key is missing else l_3_key), str_join((environment.getattr(l_2_k, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), (l_3_name or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score')), )), _loop_vars=_loop_vars))
                        yield '\n'
                    l_3_loop = l_3_id = l_3_name = l_3_weight = l_3_key = missing
                else:
                    pass
                    yield '  - '
                    yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'amount'), l_2_k, environment.getattr(l_2_k, 'target'), _loop_vars=_loop_vars)))
                    yield '\n  - '
                    yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'threshold'), l_2_k, (environment.getattr(environment.getattr(l_2_k, 'thresholds'), 'pass_') if environment.getattr(l_2_k, 'thresholds') else None), _loop_vars=_loop_vars)))
                    yield '\n  - '
                    yield str(t_3(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'threshold'), l_2_k, (environment.getattr(environment.getattr(l_2_k, 'thresholds'), 'excellent') if environment.getattr(l_2_k, 'thresholds') else None), _loop_vars=_loop_vars)))
                    yield '\n  - '
                    yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'number', environment.getattr(l_2_k, 'id'), str_join((environment.getattr(l_2_k, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'result'), )), _loop_vars=_loop_vars))
                    yield '\n'
                    def t_8(fiter):
                        for l_3__ in fiter:
                            if (undefined(name='several') if l_0_several is missing else l_0_several):
                                yield l_3__
                    for l_3__ in t_8((undefined(name='raters') if l_0_raters is missing else l_0_raters)):
                        _loop_vars = {}
                        pass
                        yield '  - '
                        yield str((undefined(name='na') if l_2_na is missing else l_2_na))
                        yield '\n'
                    l_3__ = missing
                yield '  - '
                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'out', str_join(('score-', environment.getattr(l_2_k, 'id'), )), str_join((environment.getattr(l_2_k, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score'), )), _loop_vars=_loop_vars))
                yield '\n  - '
                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'out', str_join(('weighted-', environment.getattr(l_2_k, 'id'), )), str_join((environment.getattr(l_2_k, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'weighted_score'), )), _loop_vars=_loop_vars))
                yield '\n  - '
                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', str_join(('comment-', environment.getattr(l_2_k, 'id'), )), str_join((environment.getattr(l_2_k, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'comment'), )), _loop_vars=_loop_vars))
                yield '\n'
            l_2_loop = l_2_k = l_2_na = missing
        l_1_loop = l_1_d = missing
        yield '- - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'total'))
        yield '**\n  -\n  - **'
        yield str(t_5(t_7(environment, environment.call(context, environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'kpis'), _block_vars=_block_vars), attribute='weight')))
        yield '%**\n  -\n  -\n  -\n  -\n'
        def t_9(fiter):
            for l_1__ in fiter:
                if (undefined(name='several') if l_0_several is missing else l_0_several):
                    yield l_1__
        for l_1__ in t_9((undefined(name='raters') if l_0_raters is missing else l_0_raters)):
            _loop_vars = {}
            pass
            yield '  -\n'
        l_1__ = missing
        yield '  -\n  - **'
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'out', 'total', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'total'), _block_vars=_block_vars))
        yield '**\n  - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'final_grade'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'out', 'grade', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'final_grade'), _block_vars=_block_vars))
        yield '**\n:::\n'

    def block_scoring(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        l_0_f = resolve('f')
        l_0_a = resolve('a')
        l_0_bands = resolve('bands')
        try:
            t_3 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_10 = environment.filters['join']
        except KeyError:
            @internalcode
            def t_10(*unused):
                raise TemplateRuntimeError("No filter named 'join' found.")
        try:
            t_1 = environment.filters['length']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'length' found.")
        pass
        yield '\n::: note\n**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'how_scored'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
        yield str(t_3(t_10(context.eval_ctx, environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'scoring_rule'), (undefined(name='a') if l_0_a is missing else l_0_a), _block_vars=_block_vars), '\n')))
        yield '\n:::\n'
        if ((undefined(name='a') if l_0_a is missing else l_0_a) and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'grades')):
            pass
            l_0_bands = environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'grade_ranges'), environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'grades'), _block_vars=_block_vars)
            _block_vars['bands'] = l_0_bands
            yield '\n::: form widths='
            yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'band_widths'), t_1((undefined(name='bands') if l_0_bands is missing else l_0_bands)), _block_vars=_block_vars))
            yield '\n- - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'final_grade'))
            yield '\n'
            for (l_1_grade, l_1_range, l_1_label, l_1_description) in (undefined(name='bands') if l_0_bands is missing else l_0_bands):
                l_1_field = resolve('field')
                _loop_vars = {}
                pass
                yield '  - '
                yield str(environment.call(context, (undefined(name='field') if l_1_field is missing else l_1_field), 'choice', 'grade', l_1_grade, l_1_grade, _loop_vars=_loop_vars))
                yield '\n'
            l_1_grade = l_1_range = l_1_label = l_1_description = l_1_field = missing
            yield '- - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score_range'))
            yield '\n'
            for (l_1_grade, l_1_range, l_1_label, l_1_description) in (undefined(name='bands') if l_0_bands is missing else l_0_bands):
                _loop_vars = {}
                pass
                yield '  - '
                yield str(l_1_range)
                yield '\n'
            l_1_grade = l_1_range = l_1_label = l_1_description = missing
            yield '- - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rating'))
            yield '\n'
            for (l_1_grade, l_1_range, l_1_label, l_1_description) in (undefined(name='bands') if l_0_bands is missing else l_0_bands):
                _loop_vars = {}
                pass
                yield '  - '
                yield str(t_3(l_1_label))
                if l_1_description:
                    pass
                    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                    yield str(t_3(l_1_description))
                yield '\n'
            l_1_grade = l_1_range = l_1_label = l_1_description = missing
            yield ':::\n'

    def block_scheme(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_a = resolve('a')
        l_0_t = resolve('t')
        l_0_f = resolve('f')
        l_0_field = resolve('field')
        try:
            t_3 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        pass
        if ((undefined(name='a') if l_0_a is missing else l_0_a) and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'adjustments')):
            pass
            yield '\n::: form widths=46,30,12,12\n- - **'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustments'))
            yield '**\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustment_points'))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustment_count'))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score'))
            yield '\n'
            for l_1_item in environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'adjustments'):
                _loop_vars = {}
                pass
                yield '- - '
                yield str(t_3(environment.getattr(l_1_item, 'name')))
                yield '\n  - '
                yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'adjustment'), l_1_item, (t_3(environment.getattr(l_1_item, 'per')) if environment.getattr(l_1_item, 'per') else ''), _loop_vars=_loop_vars))
                yield '\n  - '
                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'number', str_join(('adj:', environment.getattr(l_1_item, 'id'), )), str_join((environment.getattr(l_1_item, 'name'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustment_count'), )), _loop_vars=_loop_vars))
                yield '\n  -\n'
            l_1_item = missing
            yield '- - **'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustment_total'))
            yield '**'
            yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'adjustment_limits'), (undefined(name='a') if l_0_a is missing else l_0_a), _block_vars=_block_vars))
            yield '\n\n  -\n  -\n  - **'
            yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'out', 'adjustment', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjustment_total'), _block_vars=_block_vars))
            yield '**\n:::\n'
        if ((undefined(name='a') if l_0_a is missing else l_0_a) and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'vetoes')):
            pass
            yield '\n::: form widths=58,21,21\n- - **'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'vetoes'))
            yield '**'
            yield str(environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'paren'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'veto_hint'), _block_vars=_block_vars))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'veto_grade'))
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'occurred'))
            yield '\n'
            for l_1_veto in environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'vetoes'):
                _loop_vars = {}
                pass
                yield '- - '
                yield str(t_3(environment.getattr(l_1_veto, 'name')))
                yield '\n  - '
                yield str((environment.getattr(l_1_veto, 'grade') or (environment.getattr(environment.getitem(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'grades'), -1), 'grade') if environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'grades') else '')))
                yield '\n  - '
                yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'check', str_join(('veto:', environment.getattr(l_1_veto, 'id'), )), environment.getattr(l_1_veto, 'name'), _loop_vars=_loop_vars))
                yield '\n'
            l_1_veto = missing
            yield ':::\n'

    def block_process(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        pass

    def block_notes(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        l_0_field = resolve('field')
        pass
        yield '\n::: form widths=50,50 lines=3\n- - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'overall_comment'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'interview'))
        yield '\n- - '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', 'overall-comment', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'overall_comment'), _block_vars=_block_vars))
        yield '\n  - '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', 'interview', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'interview'), _block_vars=_block_vars))
        yield '\n- - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'goals'))
        yield '**\n  - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'improvement'))
        yield '**\n- - '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', 'goals', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'goals'), _block_vars=_block_vars))
        yield '\n  - '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', 'improvement', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'improvement'), _block_vars=_block_vars))
        yield '\n:::\n'

    def block_opinion(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        l_0_field = resolve('field')
        pass
        yield '\n::: form widths=16,24,60 lines=2 header=no\n- - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'opinion'))
        yield '**\n  - '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'choice', 'opinion', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'agree'), 'agree', _block_vars=_block_vars))
        yield ' '
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'choice', 'opinion', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'disagree'), 'disagree', _block_vars=_block_vars))
        yield '\n  - **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'opinion_comment'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
        yield str(environment.call(context, (undefined(name='field') if l_0_field is missing else l_0_field), 'area', 'opinion-comment', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'opinion_comment'), _block_vars=_block_vars))
        yield '\n:::\n'

    def block_appeal(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_a = resolve('a')
        l_0_t = resolve('t')
        try:
            t_6 = environment.filters['rest']
        except KeyError:
            @internalcode
            def t_6(*unused):
                raise TemplateRuntimeError("No filter named 'rest' found.")
        pass
        if ((undefined(name='a') if l_0_a is missing else l_0_a) and environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'appeal')):
            pass
            yield '\n::: note\n**'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'appeal'))
            yield '**'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
            yield str(t_6(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'appeal')))
            yield '\n:::\n'

    def block_signatures(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        l_0_signatures = resolve('signatures')
        try:
            t_3 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        pass
        yield '\n::: signatures date='
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'date'))
        yield '\n'
        for l_1_name in (undefined(name='signatures') if l_0_signatures is missing else l_0_signatures):
            _loop_vars = {}
            pass
            yield str(t_3(l_1_name))
            yield '\n\n'
        l_1_name = missing
        yield ':::\n'

    def block_end(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        pass

    blocks = {'title': block_title, 'kpis': block_kpis, 'scoring': block_scoring, 'scheme': block_scheme, 'process': block_process, 'notes': block_notes, 'opinion': block_opinion, 'appeal': block_appeal, 'signatures': block_signatures, 'end': block_end}
    debug_info = '4=22&5=24&6=27&7=30&8=33&9=36&11=40&23=41&105=42&130=43&165=44&166=45&179=46&187=47&195=48&204=49&11=52&13=86&17=94&19=102&20=111&23=120&25=166&26=168&27=170&28=172&29=174&30=176&31=178&32=180&33=182&34=184&35=188&38=193&39=195&40=197&41=200&42=204&43=209&45=219&46=221&48=224&51=232&53=236&54=240&56=249&58=252&63=256&64=258&65=261&66=263&67=265&68=267&69=270&71=273&72=277&73=280&77=299&78=301&79=303&80=305&81=307&82=315&85=319&86=321&87=323&90=328&92=330&97=332&101=342&102=344&105=349&108=380&110=385&111=387&113=390&114=392&115=394&116=399&118=403&119=405&120=409&122=413&123=415&124=419&130=428&131=446&134=449&135=451&136=453&137=455&138=457&139=461&140=463&141=465&144=469&148=473&151=475&154=478&155=482&156=484&157=486&158=490&159=492&160=494&165=499&166=508&169=519&170=521&171=523&172=525&173=527&174=529&175=531&176=533&179=536&182=547&183=549&184=553&187=559&188=575&191=578&195=584&197=601&198=603&199=606&204=611'
    return locals()
