#!/usr/bin/env python3
"""Writes data/demo/places.json: the demo's friendly places, each placed on a node of a named
road in the Beijing OpenStreetMap extracts (so every one snaps to a real road). Run from the
repository root: python3 data/tools/make_demo_places.py ../shared/data/osm"""
import json, sys, xml.etree.ElementTree as ET

osm_dir = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/osm'
files = {'bupt': 'beijing-bupt.osm', 'cau': 'beijing-haidian-cau.osm', 'wdk': 'beijing-tsinghua-wudaokou.osm'}
roads = {}
for key, name in files.items():
    root = ET.parse(f'{osm_dir}/{name}').getroot()
    nodes = {n.get('id'): (float(n.get('lat')), float(n.get('lon'))) for n in root.iter('node')}
    for way in root.iter('way'):
        tags = {t.get('k'): t.get('v') for t in way.iter('tag')}
        if 'highway' in tags and 'name' in tags:
            points = roads.setdefault((key, tags['name']), [])
            points.extend(nodes[nd.get('ref')] for nd in way.iter('nd') if nd.get('ref') in nodes)

def on(key, road, fraction):
    points = sorted(set(roads[(key, road)]), key=lambda p: (p[1], p[0]))
    lat, lon = points[min(len(points) - 1, int(fraction * len(points)))]
    return round(lat, 7), round(lon, 7)

A_FULL = ['water', 'hot_water', 'microwave', 'phone_charging', 'ebike_charging', 'toilet', 'medicine_kit',
          'heating_cooling', 'wifi', 'seats', 'fridge', 'nap_space', 'books']
B_SET = ['water', 'hot_water', 'microwave', 'phone_charging', 'medicine_kit', 'heating_cooling', 'seats', 'wifi']
C_SET = ['water', 'phone_charging', 'seats', 'microwave']
SUPPLIES = ['口罩', '手套', '暖宝宝', '姜茶']

# (extract, road, fraction, area, kind, name, hours, amenities, extra)
specs = [
    ('bupt', '杏坛路', 0.35, '110108008', 'station', '北邮杏坛路暖心驿站', '24/7', A_FULL,
     {'tier': 'hub', 'capacity': 20, 'scan_entry': True, 'supplies': SUPPLIES, 'address': '海淀区西土城路10号北邮校内杏坛路', 'phone': '010-62282001'}),
    ('bupt', '西土城路', 0.5, '110108008', 'station', '西土城路爱心驿站', 'Mo-Su 07:00-22:00', B_SET,
     {'tier': 'local', 'capacity': 12, 'supplies': ['口罩', '姜茶'], 'address': '海淀区西土城路8号', 'phone': '010-62282002'}),
    ('bupt', '师大北路', 0.5, '110108008', 'station', '师大北路红色驿站', 'Mo-Fr 08:00-20:00; PH off', C_SET,
     {'tier': 'local', 'capacity': 8, 'address': '海淀区师大北路5号'}),
    ('bupt', '立身路', 0.6, '110108008', 'merchant', '蓟门桥兰州拉面', 'Mo-Su 10:00-02:00', ['meals', 'hot_water', 'seats', 'phone_charging', 'microwave'],
     {'offers': {'discount': '骑手凭码九折', 'rider_price_yuan': 12, 'late_meal': '21:00-02:00'}, 'address': '海淀区西土城路10号南侧'}),
    ('bupt', '晨曦路', 0.4, '110108008', 'canteen', '北太平庄社区食堂', 'Mo-Su 06:30-20:00', ['meals', 'seats', 'hot_water', 'toilet'],
     {'offers': {'discount': '骑手套餐', 'rider_price_yuan': 8}, 'capacity': 60, 'address': '海淀区北太平庄路晨曦路口'}),
    ('bupt', '邮电北路', 0.5, '110108008', 'clinic', '北邮校医院骑手友好门诊', 'Mo-Fr 08:00-17:00; PH off', ['medicine_kit', 'water', 'seats'],
     {'services': ['伤口清创包扎', '中暑急救', '免费血压测量'], 'address': '海淀区西土城路10号'}),
    ('bupt', '杏坛路', 0.8, '110108008', 'battery_swap', '铁塔换电柜·北邮北门', '24/7', ['battery_swap'], {'address': '北邮北门外'}),
    ('bupt', '立身路', 0.2, '110108008', 'charging', '立身路充电桩', '24/7', ['ebike_charging'], {'capacity': 10}),
    ('bupt', '西土城路', 0.1, '110108008', 'toilet', '西土城路公厕', '24/7', ['toilet', 'water'], {}),

    ('cau', '学清路', 0.3, '110108010', 'station', '学清路暖心驿站', 'Mo-Su 08:00-21:00', B_SET,
     {'tier': 'flagship', 'capacity': 30, 'supplies': SUPPLIES, 'address': '海淀区学清路38号', 'phone': '010-62283001'}),
    ('cau', '清华东路', 0.5, '110108010', 'station', '清华东路爱心驿站', 'Mo-Fr 09:00-18:00; PH off', C_SET,
     {'tier': 'local', 'capacity': 10, 'address': '海淀区清华东路17号'}),
    ('cau', '学院路', 0.7, '110108010', 'station', '学院路北口驿站', 'Mo-Su 07:00-20:00', B_SET,
     {'tier': 'hub', 'capacity': 16, 'address': '海淀区学院路北口'}),
    ('cau', '石板房南路', 0.5, '110108010', 'merchant', '石板房羊肉粉', 'Mo-Su 09:00-23:30', ['meals', 'hot_water', 'seats', 'microwave'],
     {'offers': {'discount': '骑手八折', 'rider_price_yuan': 8, 'late_meal': '21:00-23:30'}, 'address': '海淀区石板房南路3号'}),
    ('cau', '双泉堡西路', 0.5, '110108010', 'merchant', '双泉堡便利店', '24/7', ['hot_water', 'microwave', 'phone_charging'],
     {'offers': {'discount': '热水免费、微波炉免费用'}, 'address': '海淀区双泉堡西路'}),
    ('cau', '科荟路', 0.5, '110108010', 'canteen', '学院路街道社区食堂', 'Mo-Su 06:30-19:30', ['meals', 'seats', 'toilet'],
     {'offers': {'rider_price_yuan': 10}, 'capacity': 80}),
    ('cau', '林业大学北路', 0.5, '110108010', 'clinic', '学院路社区卫生服务站', 'Mo-Sa 08:00-17:30; PH off', ['medicine_kit'],
     {'services': ['伤口清创包扎', '跌打损伤处理']}),
    ('cau', 'G6辅路', 0.4, '110108010', 'battery_swap', '换电柜·学清路口', '24/7', ['battery_swap'], {}),
    ('cau', '小月河西路', 0.5, '110108010', 'legal_aid', '学院路街道法律援助工作站', 'Mo-Fr 09:00-17:00; PH off', ['seats', 'water'],
     {'services': ['劳动争议咨询', '工伤认定指导']}),

    ('wdk', '成府路', 0.75, '110108011001', 'station', '华清嘉园暖心驿站', '24/7', A_FULL,
     {'tier': 'hub', 'capacity': 18, 'scan_entry': True, 'supplies': SUPPLIES, 'address': '海淀区成府路华清嘉园东门', 'phone': '010-62284001', 'owner': 'demo-keeper'}),
    ('wdk', '中关村东路', 0.5, '110108011001', 'merchant', '五道口羊肉粉店', 'Mo-Su 10:00-02:00', ['meals', 'hot_water', 'seats', 'phone_charging'],
     {'offers': {'discount': '骑手一碗粉8元', 'rider_price_yuan': 8, 'late_meal': '21:00-02:00'}, 'address': '海淀区五道口华清嘉园底商', 'owner': 'demo-merchant'}),
    ('wdk', '中关村北大街', 0.3, '110108014', 'station', '中关村北大街爱心驿站', 'Mo-Su 07:00-22:00', B_SET,
     {'tier': 'flagship', 'capacity': 25, 'address': '海淀区中关村北大街151号'}),
    ('wdk', '荷清路', 0.5, '110108014', 'station', '荷清路红色驿站', 'Mo-Fr 08:00-18:00; PH off', C_SET, {'tier': 'local', 'capacity': 8}),
    ('wdk', '学堂路', 0.5, '110108014', 'canteen', '清华园社区食堂', 'Mo-Su 06:30-19:00', ['meals', 'seats', 'hot_water'],
     {'offers': {'rider_price_yuan': 9}, 'capacity': 50}),
    ('wdk', '清华路', 0.5, '110108014', 'clinic', '清华园骑手友好诊所', 'Mo-Su 08:00-20:00', ['medicine_kit', 'water'],
     {'services': ['伤口清创包扎', '冬季冻伤处理']}),
    ('wdk', '成府路', 0.3, '110108015', 'battery_swap', '换电柜·成府路', '24/7', ['battery_swap'], {}),
    ('wdk', '成府路', 0.5, '110108011001', 'charging', '五道口充电站', 'Mo-Su 06:00-24:00', ['ebike_charging', 'phone_charging'], {'capacity': 24}),
    ('wdk', '新民路', 0.5, '110108014', 'training', '新就业群体技能培训中心', 'Sa,Su 09:00-17:00', ['seats', 'wifi', 'water'],
     {'services': ['电动车安全驾驶培训', '急救培训']}),
    ('wdk', '中关村东路', 0.2, '110108011001', 'toilet', '五道口公厕', '24/7', ['toilet', 'water'], {}),
]
# Depots on real roads: (extract, road, fraction, area, name, platform)
depot_specs = [
    ('bupt', '西土城路', 0.8, '110108008', '美团外卖蓟门桥站', '美团'),
    ('cau', '学清路', 0.6, '110108010', '饿了么蜂鸟学清路站', '饿了么'),
    ('cau', '石板房南路', 0.2, '110108010', '顺丰速运学院路营业部', '顺丰'),
    ('cau', '清华东路', 0.8, '110108010', '京东物流清华东路站', '京东'),
    ('wdk', '成府路', 0.6, '110108011001', '美团外卖五道口站', '美团'),
    ('wdk', '中关村北大街', 0.6, '110108014', '闪送中关村北站', '闪送'),
]
depots = []
for key, road, fraction, area, name, platform in depot_specs:
    lat, lon = on(key, road, fraction)
    depots.append({'name': name, 'platform': platform, 'area_code': area, 'lat': lat, 'lon': lon})
out = []
for key, road, fraction, area, kind, name, hours, amenities, extra in specs:
    lat, lon = on(key, road, fraction)
    place = {'kind': kind, 'name': name, 'area_code': area, 'lat': lat, 'lon': lon, 'opening_hours': hours,
             'amenities': amenities}
    place.update(extra)
    out.append(place)
doc = {'attribution': '© OpenStreetMap contributors, ODbL 1.0 (road positions)',
       'source': 'data/tools/make_demo_places.py on the Beijing extracts', 'places': out, 'depots': depots}
with open('data/demo/places.json', 'w', encoding='utf-8') as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
print(len(out), 'places')
