def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'posting.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_c = resolve('c')
        l_0_role = l_0_t = l_0_f = l_0_needs = missing
        pass
        (l_0_role, l_0_t, l_0_f) = (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'role'), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 't'), environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'f'))
        context.vars.update({'f': l_0_f, 'role': l_0_role, 't': l_0_t})
        context.exported_vars.update(('f', 'role', 't'))
        l_0_needs = environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'requirements'), environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'requirements'))
        context.vars['needs'] = l_0_needs
        context.exported_vars.add('needs')
        yield from context.blocks['title'][0](context)
        yield from context.blocks['about'][0](context)
        yield from context.blocks['role'][0](context)
        yield from context.blocks['requirements'][0](context)
        yield from context.blocks['conditions'][0](context)
        yield from context.blocks['offer'][0](context)
        yield from context.blocks['end'][0](context)

    def block_title(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_role = resolve('role')
        l_0_organization = resolve('organization')
        l_0_t = resolve('t')
        l_0_f = resolve('f')
        try:
            t_1 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_2 = environment.filters['join']
        except KeyError:
            @internalcode
            def t_2(*unused):
                raise TemplateRuntimeError("No filter named 'join' found.")
        try:
            t_3 = environment.filters['select']
        except KeyError:
            @internalcode
            def t_3(*unused):
                raise TemplateRuntimeError("No filter named 'select' found.")
        pass
        yield '::: doc-title\n# '
        yield str(t_1(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'title')))
        yield '\n\n'
        yield str(t_2(context.eval_ctx, t_3(context, [(t_1((undefined(name='organization') if l_0_organization is missing else l_0_organization)) if (undefined(name='organization') if l_0_organization is missing else l_0_organization) else ''), (t_1(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'location')) if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'location') else ''), (environment.getitem((undefined(name='t') if l_0_t is missing else l_0_t), str_join(('employment_', environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'employment_type'), ))) if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'employment_type') else ''), (environment.call(context, environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'salary'), environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'salary'), _block_vars=_block_vars) if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'salary') else '')]), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'fields_separator')))
        yield '\n\n:::\n'

    def block_about(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_posting = resolve('posting')
        l_0_t = resolve('t')
        try:
            t_4 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        pass
        if ((undefined(name='posting') if l_0_posting is missing else l_0_posting) and environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'about')):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'about_us'))
            yield '\n\n'
            yield str(t_4(environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'about')))
            yield '\n'

    def block_role(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_role = resolve('role')
        l_0_t = resolve('t')
        try:
            t_4 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        try:
            t_5 = environment.filters['item']
        except KeyError:
            @internalcode
            def t_5(*unused):
                raise TemplateRuntimeError("No filter named 'item' found.")
        pass
        if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'summary'):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'the_role'))
            yield '\n\n'
            yield str(t_4(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'summary')))
            yield '\n'
        yield '\n# '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'what_you_do'))
        yield '\n\n'
        for l_1_duty in environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'duties'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(t_5(environment.getattr(l_1_duty, 'title')))
            yield '\n'
        l_1_duty = missing

    def block_requirements(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_t = resolve('t')
        try:
            t_1 = environment.filters['inline']
        except KeyError:
            @internalcode
            def t_1(*unused):
                raise TemplateRuntimeError("No filter named 'inline' found.")
        try:
            t_6 = environment.filters['rest']
        except KeyError:
            @internalcode
            def t_6(*unused):
                raise TemplateRuntimeError("No filter named 'rest' found.")
        try:
            t_7 = environment.tests['string']
        except KeyError:
            @internalcode
            def t_7(*unused):
                raise TemplateRuntimeError("No test named 'string' found.")
        pass
        def t_8(fiter):
            l_1_needs = resolve('needs')
            for (l_1_side, l_1_heading) in fiter:
                if environment.getitem((undefined(name='needs') if l_1_needs is missing else l_1_needs), l_1_side):
                    yield (l_1_side, l_1_heading)
        for (l_1_side, l_1_heading) in t_8([('essential', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'what_you_bring')), ('desirable', environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nice_to_have'))]):
            l_1_needs = resolve('needs')
            _loop_vars = {}
            pass
            yield '\n# '
            yield str(l_1_heading)
            yield '\n\n'
            for (l_2_label, l_2_value) in environment.getitem((undefined(name='needs') if l_1_needs is missing else l_1_needs), l_1_side):
                _loop_vars = {}
                pass
                if t_7(l_2_value):
                    pass
                    yield '- **'
                    yield str(l_2_label)
                    yield '**'
                    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                    yield str(t_6(l_2_value, 2))
                    yield '\n'
                else:
                    pass
                    for (l_3_name, l_3_description) in l_2_value:
                        _loop_vars = {}
                        pass
                        yield '- **'
                        yield str(t_1(l_3_name))
                        yield '**'
                        if l_3_description:
                            pass
                            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
                            yield str(t_6(l_3_description, 2))
                        yield '\n'
                    l_3_name = l_3_description = missing
            l_2_label = l_2_value = missing
        l_1_side = l_1_heading = l_1_needs = missing

    def block_conditions(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_role = resolve('role')
        l_0_t = resolve('t')
        try:
            t_4 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        pass
        if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'working_conditions'):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'working_conditions'))
            yield '\n\n'
            yield str(t_4(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'working_conditions')))
            yield '\n'

    def block_offer(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_posting = resolve('posting')
        l_0_role = resolve('role')
        l_0_t = resolve('t')
        l_0_benefits = missing
        try:
            t_4 = environment.filters['block']
        except KeyError:
            @internalcode
            def t_4(*unused):
                raise TemplateRuntimeError("No filter named 'block' found.")
        try:
            t_5 = environment.filters['item']
        except KeyError:
            @internalcode
            def t_5(*unused):
                raise TemplateRuntimeError("No filter named 'item' found.")
        pass
        l_0_benefits = ((environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'benefits') if (undefined(name='posting') if l_0_posting is missing else l_0_posting) else []) + (environment.getattr(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'posting'), 'benefits') if environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'posting') else []))
        _block_vars['benefits'] = l_0_benefits
        if (undefined(name='benefits') if l_0_benefits is missing else l_0_benefits):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'we_offer'))
            yield '\n\n'
            for l_1_benefit in (undefined(name='benefits') if l_0_benefits is missing else l_0_benefits):
                _loop_vars = {}
                pass
                yield '- '
                yield str(t_5(l_1_benefit))
                yield '\n'
            l_1_benefit = missing
        if ((undefined(name='posting') if l_0_posting is missing else l_0_posting) and environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'apply')):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'how_to_apply'))
            yield '\n\n'
            yield str(t_4(environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'apply')))
            yield '\n'
        if (environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'posting') and environment.getattr(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'posting'), 'closes')):
            pass
            yield '\n**'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'apply_by'))
            yield '**'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'label_colon'))
            yield str(environment.getattr(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'posting'), 'closes'))
            yield '\n'
        if ((undefined(name='posting') if l_0_posting is missing else l_0_posting) and environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'statement')):
            pass
            yield '\n::: note\n'
            yield str(t_4(environment.getattr((undefined(name='posting') if l_0_posting is missing else l_0_posting), 'statement')))
            yield '\n:::\n'

    def block_end(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        pass

    blocks = {'title': block_title, 'about': block_about, 'role': block_role, 'requirements': block_requirements, 'conditions': block_conditions, 'offer': block_offer, 'end': block_end}
    debug_info = '3=14&4=17&5=20&15=21&23=22&37=23&54=24&62=25&89=26&5=28&7=59&11=61&15=64&16=80&18=83&20=85&23=88&24=110&26=113&28=115&31=118&33=120&34=124&37=128&38=155&40=165&42=167&43=170&44=173&46=180&47=184&54=195&55=211&57=214&59=216&62=219&63=243&64=245&66=248&68=250&69=254&72=257&74=260&76=262&78=264&80=267&82=272&85=275&89=278'
    return locals()
