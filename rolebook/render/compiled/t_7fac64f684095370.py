def load(environment):
    from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
    name = 'jd.md.j2'

    def root(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        l_0_parts = missing
        pass
        l_0_parts = context.vars['parts'] = environment.get_template('role_parts.md.j2', 'jd.md.j2')._get_default_module(context)
        context.exported_vars.discard('parts')
        yield from context.blocks['title'][0](context)
        yield from context.blocks['summary'][0](context)
        yield from context.blocks['duties'][0](context)
        yield from context.blocks['relationships'][0](context)
        yield from context.blocks['diagram'][0](context)
        yield from context.blocks['requirements'][0](context)
        yield from context.blocks['conditions'][0](context)
        yield from context.blocks['scenarios'][0](context)
        yield from context.blocks['assessment'][0](context)
        yield from context.blocks['glossary'][0](context)
        yield from context.blocks['control'][0](context)
        yield from context.blocks['signatures'][0](context)
        yield from context.blocks['end'][0](context)

    def block_title(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'doc_title'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))
        yield '\n\n'
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'basic_info'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))
        yield '\n'

    def block_summary(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'summary'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_duties(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'duties'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_relationships(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'relationships'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_diagram(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_relationship_figure = resolve('relationship_figure')
        l_0_t = resolve('t')
        pass
        if (undefined(name='relationship_figure') if l_0_relationship_figure is missing else l_0_relationship_figure):
            pass
            yield '\n# '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'relationship_diagram'))
            yield '\n\n'
            yield str((undefined(name='relationship_figure') if l_0_relationship_figure is missing else l_0_relationship_figure))
            yield '\n'

    def block_requirements(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'requirements'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_conditions(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'conditions'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'career'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_scenarios(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'scenarios'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_assessment(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'assessment'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_glossary(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'glossary'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_control(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'document_control'), (undefined(name='c') if l_0_c is missing else l_0_c), keep=True, _block_vars=_block_vars))

    def block_signatures(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        l_0_parts = resolve('parts')
        l_0_c = resolve('c')
        pass
        yield str(environment.call(context, environment.getattr((undefined(name='parts') if l_0_parts is missing else l_0_parts), 'acknowledgement'), (undefined(name='c') if l_0_c is missing else l_0_c), _block_vars=_block_vars))

    def block_end(context, missing=missing, environment=environment):
        resolve = context.resolve_or_missing
        undefined = environment.undefined
        concat = environment.concat
        cond_expr_undefined = Undefined
        if 0: yield None
        _block_vars = {}
        pass

    blocks = {'title': block_title, 'summary': block_summary, 'duties': block_duties, 'relationships': block_relationships, 'diagram': block_diagram, 'requirements': block_requirements, 'conditions': block_conditions, 'scenarios': block_scenarios, 'assessment': block_assessment, 'glossary': block_glossary, 'control': block_control, 'signatures': block_signatures, 'end': block_end}
    debug_info = '4=13&5=15&10=16&11=17&12=18&13=19&21=20&22=21&23=22&24=23&25=24&26=25&27=26&28=27&5=29&6=39&8=41&10=44&11=56&12=68&13=80&14=90&16=93&18=95&21=98&22=110&23=123&24=135&25=147&26=159&27=171&28=183'
    return locals()
