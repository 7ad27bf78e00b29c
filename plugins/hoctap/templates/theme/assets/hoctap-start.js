// Material for MkDocs 9.8.1, partials/javascripts/base.html, moved out of the page so that the
// Content-Security-Policy needs no 'unsafe-inline'. The only change: the scope (the site's root)
// is found from this file's own address (<root>/assets/hoctap-start.js) instead of base_url.
__md_scope=new URL("..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
